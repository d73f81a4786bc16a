package dev.warden.rego.value;

/** A Rego string. */
public record StringValue(String value) implements Value {

    public static final StringValue EMPTY = new StringValue("");

    public StringValue {
        if (value == null) throw new NullPointerException("value");
    }

    public static StringValue of(String s) { return s.isEmpty() ? EMPTY : new StringValue(s); }

    @Override public int typeOrder() { return 3; }
    @Override public String typeName() { return "string"; }
    @Override public String toString() { return Json.write(this); }

    // Written out rather than generated: object lookups by string key are the evaluator's hottest path.
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof StringValue s && value.equals(s.value));
    }

    @Override
    public int hashCode() { return value.hashCode(); }
}
