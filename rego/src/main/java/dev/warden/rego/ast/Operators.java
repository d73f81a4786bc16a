package dev.warden.rego.ast;

import java.util.Map;

/** OPA's names for infix operators, as the parser turns them into calls. */
public final class Operators {
    private Operators() {}

    public static final String EQ = "eq";           // =  unification
    public static final String ASSIGN = "assign";   // := declaration and assignment
    public static final String EQUAL = "equal";     // ==
    public static final String NEQ = "neq";         // !=
    public static final String LT = "lt";
    public static final String LTE = "lte";
    public static final String GT = "gt";
    public static final String GTE = "gte";
    public static final String PLUS = "plus";
    public static final String MINUS = "minus";
    public static final String MUL = "mul";
    public static final String DIV = "div";
    public static final String REM = "rem";
    public static final String AND = "and";         // &  set intersection
    public static final String OR = "or";           // |  set union
    /** {@code x in xs} and {@code k, v in xs} as expressions (not after {@code some}). */
    public static final String MEMBER = "internal.member_2";
    public static final String MEMBER_3 = "internal.member_3";

    /** Infix symbol → operator name. */
    public static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("=", EQ), Map.entry(":=", ASSIGN), Map.entry("==", EQUAL), Map.entry("!=", NEQ),
            Map.entry("<", LT), Map.entry("<=", LTE), Map.entry(">", GT), Map.entry(">=", GTE),
            Map.entry("+", PLUS), Map.entry("-", MINUS), Map.entry("*", MUL), Map.entry("/", DIV),
            Map.entry("%", REM), Map.entry("&", AND), Map.entry("|", OR));
}
