package dev.warden.rego.value;

/**
 * A Rego value: what documents, inputs, rule results and builtin arguments are made of.
 *
 * <p>Values are immutable. {@link #equals} and {@link #hashCode} follow Rego equality ({@code 1 == 1.0});
 * {@link #compareTo} is OPA's total order across types: null &lt; boolean &lt; number &lt; string &lt;
 * array &lt; object &lt; set.
 *
 * <pre>{@code
 * Value v = Json.parse("{\"roles\": [\"admin\"]}");
 * Value roles = ((ObjectValue) v).get(StringValue.of("roles"));
 * }</pre>
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** Position of this value's type in OPA's cross-type order. */
    int typeOrder();

    /** OPA's type name, as {@code type_name} returns it: "null", "boolean", "number", "string", "array", "object", "set". */
    String typeName();

    @Override
    default int compareTo(Value other) { return Values.compare(this, other); }
}
