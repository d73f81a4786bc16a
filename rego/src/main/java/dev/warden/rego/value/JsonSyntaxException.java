package dev.warden.rego.value;

/** A JSON document that could not be parsed; carries the 1-based line and column of the problem. */
public final class JsonSyntaxException extends IllegalArgumentException {
    private final int line;
    private final int column;

    public JsonSyntaxException(String message, int line, int column) {
        super(line > 0 ? message + " (line " + line + ", column " + column + ")" : message);
        this.line = line;
        this.column = column;
    }

    public int line() { return line; }

    public int column() { return column; }
}
