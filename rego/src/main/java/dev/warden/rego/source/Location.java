package dev.warden.rego.source;

/**
 * A position in a {@link Source}: 1-based line and column, 0-based character offset.
 * Renders as {@code file:line:col}; {@link #caret()} shows the source line with a caret under the column.
 */
public record Location(Source source, int line, int column, int offset) {

    /** A location for values that come from no source text (data documents, input, generated terms). */
    public static final Location NONE = new Location(new Source("", ""), 0, 0, 0);

    public String file() { return source.name(); }

    /** The source line and a caret under this location's column, as two lines of text. */
    public String caret() {
        if (line < 1) return "";
        String text = source.line(line);
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1 && i < text.length(); i++) pad.append(text.charAt(i) == '\t' ? '\t' : ' ');
        return text + "\n" + pad + "^";
    }

    @Override
    public String toString() { return line < 1 ? source.name() : source.name() + ":" + line + ":" + column; }
}
