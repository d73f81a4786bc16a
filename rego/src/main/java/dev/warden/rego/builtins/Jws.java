package dev.warden.rego.builtins;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.nio.charset.StandardCharsets;

/**
 * A compact JWS split into its parts, with OPA's errors for malformed tokens.
 *
 * @param signingInput the bytes the signature covers ({@code header.payload} as sent)
 */
record Jws(ObjectValue header, byte[] payload, byte[] signature, byte[] signingInput) {

    static Jws parse(String token) {
        if (token.indexOf('.') < 0) throw BuiltinException.error("encoded JWT had no period separators");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw BuiltinException.error("encoded JWT must have 3 sections, found " + parts.length);
        }
        byte[] header = section(parts[0], "header"), payload = section(parts[1], "payload");
        byte[] sig = section(parts[2], "signature");
        Value h;
        try {
            h = Json.parse(new String(header, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error("JWT header had invalid JSON: " + e.getMessage());
        }
        if (!(h instanceof ObjectValue ho)) throw BuiltinException.error("JWT header must be a JSON object");
        if (ho.get("enc") != null) throw BuiltinException.error("JWT is a JWE object, which is not supported");
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new Jws(ho, payload, sig, input);
    }

    private static byte[] section(String b64, String what) {
        try {
            return GoBytes.unbase64(b64, true, false);
        } catch (BuiltinException e) {
            throw BuiltinException.error("JWT " + what + " had invalid encoding: " + e.getMessage());
        }
    }

    String alg() { return header.get("alg") instanceof StringValue s ? s.value() : null; }

    /** True when the payload is itself a JWT ({@code "cty": "JWT"}). */
    boolean nested() {
        return header.get("cty") instanceof StringValue s && s.value().equalsIgnoreCase("JWT");
    }

    /** The token inside a nested JWT: the payload is the token itself or a JSON string holding it. */
    String innerToken() {
        String text = GoBytes.string(payload);
        try {
            if (Json.parse(text) instanceof StringValue s) return s.value();
        } catch (IllegalArgumentException notJson) {
            // the payload is the bare token
        }
        return text.strip();
    }

    Value payloadJson() {
        try {
            return Json.parse(GoBytes.string(payload));
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error("JWT payload had invalid JSON: " + e.getMessage());
        }
    }

    ObjectValue claims() {
        if (!(payloadJson() instanceof ObjectValue o)) throw BuiltinException.error("JWT payload must be a JSON object");
        return o;
    }
}
