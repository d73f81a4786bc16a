package dev.warden.rego.value;

/** Rego's {@code true} and {@code false}. */
public final class BooleanValue implements Value {
    public static final BooleanValue FALSE = new BooleanValue(false);
    public static final BooleanValue TRUE = new BooleanValue(true);

    private final boolean value;

    private BooleanValue(boolean value) { this.value = value; }

    public static BooleanValue of(boolean b) { return b ? TRUE : FALSE; }

    public boolean value() { return value; }

    @Override public int typeOrder() { return 1; }
    @Override public String typeName() { return "boolean"; }
    @Override public String toString() { return Boolean.toString(value); }
}
