package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small text helpers for the GraphQL builtins: Go-style quoting for messages and block string dedenting. */
final class GraphqlText {
    private GraphqlText() {}

    /** Quotes as Go's strconv.Quote does for the texts that appear in OPA's messages: {@code "a\"b"}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
                    else out.appendCodePoint(c);
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * The value of a block string per the GraphQL spec: common indentation (ignoring the first line) removed,
     * then leading and trailing blank lines dropped.
     */
    static String blockStringValue(String raw) {
        List<String> lines = new ArrayList<>(Arrays.asList(raw.split("\n", -1)));
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = indent(line);
            if (indent < line.length() && indent < common) common = indent;
        }
        if (common != Integer.MAX_VALUE) {
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                lines.set(i, line.length() < common ? "" : line.substring(common));
            }
        }
        while (!lines.isEmpty() && indent(lines.getFirst()) == lines.getFirst().length()) lines.removeFirst();
        while (!lines.isEmpty() && indent(lines.getLast()) == lines.getLast().length()) lines.removeLast();
        return String.join("\n", lines);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }
}
