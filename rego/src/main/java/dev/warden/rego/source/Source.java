package dev.warden.rego.source;

import java.util.Arrays;

/**
 * A named Rego source text (a module file, a query typed on the command line).
 *
 * <pre>{@code
 * Source src = new Source("policy.rego", "package p\nallow := true\n");
 * String line2 = src.line(2); // "allow := true"
 * }</pre>
 */
public final class Source {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public Source(String name, String text) {
        this.name = name;
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() { return name; }

    public String text() { return text; }

    public int lineCount() { return lineStarts.length; }

    /** The text of a 1-based line, without its line terminator; empty when out of range. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }

    /** The location of a character offset in this source (length 0; see {@link Location#withLength}). */
    public Location locationAt(int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        int line = idx >= 0 ? idx : -idx - 2;
        return new Location(this, line + 1, offset - lineStarts[line] + 1, offset, 0);
    }

    @Override
    public String toString() { return name; }
}
