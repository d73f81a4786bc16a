package dev.warden.rego.builtins;

import java.util.Base64;

/**
 * Go's {@code pem.Decode}: the first {@code -----BEGIN TYPE-----} block of a text and what follows it.
 *
 * <pre>{@code
 * Pem.Block b = Pem.decode(pemText); // b.type() == "CERTIFICATE", b.rest() == ""
 * }</pre>
 */
final class Pem {
    private Pem() {}

    /** One block; {@code bytes} is null when its body is not valid base64. */
    record Block(String type, byte[] bytes, String rest) {}

    /** The first block, or null when there is none. */
    static Block decode(String text) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) return null;
        int typeEnd = text.indexOf("-----", begin + 11);
        if (typeEnd < 0) return null;
        String type = text.substring(begin + 11, typeEnd);
        String endMarker = "-----END " + type + "-----";
        int bodyStart = typeEnd + 5;
        int end = text.indexOf(endMarker, bodyStart);
        if (end < 0) return null;
        String body = text.substring(bodyStart, end);
        int afterEnd = end + endMarker.length();
        // The end line's own newline belongs to the block.
        if (afterEnd < text.length() && text.charAt(afterEnd) == '\r') afterEnd++;
        if (afterEnd < text.length() && text.charAt(afterEnd) == '\n') afterEnd++;
        StringBuilder b64 = new StringBuilder();
        for (String line : body.split("\n")) {
            String l = line.strip();
            if (l.contains(":")) continue; // RFC 1421 headers such as Proc-Type
            b64.append(l);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        return new Block(type, bytes, text.substring(afterEnd));
    }
}
