package dev.warden.rego.source;

/**
 * A span in a {@link Source}: 1-based line and column of its start, 0-based character offset and length
 * (0 when unknown). Renders as {@code file:line:col}; {@link #caret()} shows the source line with a caret
 * under the column; {@link #text()} is the spanned source text.
 */
public record Location(Source source, int line, int column, int offset, int length) {

    /** A location for values that come from no source text (data documents, input, generated terms). */
    public static final Location NONE = new Location(new Source("", ""), 0, 0, 0, 0);

    /** The same start with another length. */
    public Location withLength(int newLength) { return new Location(source, line, column, offset, newLength); }

    /** The source text this location spans (empty when the length is unknown). */
    public String text() {
        int end = Math.min(source.text().length(), offset + length);
        return offset <= end ? source.text().substring(offset, end) : "";
    }

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
