package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.io.BoundedBodies;
import dev.warden.gateway.util.ClientJson;
import dev.warden.gateway.util.JacksonErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP mechanics both MCP transports share: strict reading of one JSON body within a size limit, JSON
 * responses, JSON-RPC error responses, and the 401 challenge that points at the resource metadata.
 */
final class Wire {
    static final JsonMapper JSON = ClientJson.MAPPER;

    private Wire() {}

    /**
     * The body must be JSON, sent once and uncompressed: one {@code Content-Type}, {@code application/json}, and no
     * {@code Content-Encoding} but {@code identity} (Warden would otherwise read compressed bytes as JSON).
     */
    static void requireJson(HttpServletRequest req) {
        String type = single(req, "Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw McpError.http(415, McpError.INVALID_REQUEST, "Content-Type must be application/json, got "
                    + (type == null ? "none" : "'" + type + "'"));
        }
        String encoding = single(req, "Content-Encoding");
        if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
            throw McpError.http(415, McpError.INVALID_REQUEST, "Content-Encoding '" + encoding
                    + "' is not supported: send the body uncompressed");
        }
    }

    /**
     * The value of a header that may appear once, or null when absent; sent twice, it is refused (400), since a proxy
     * in front may have read the other value.
     */
    static String single(HttpServletRequest req, String name) {
        var values = req.getHeaders(name);
        if (values == null || !values.hasMoreElements()) return null;
        String first = values.nextElement();
        if (values.hasMoreElements()) {
            throw McpError.http(400, McpError.INVALID_REQUEST, "the " + name + " header was sent more than once; "
                    + "send it once");
        }
        return first;
    }

    /**
     * A POST's {@code Accept} must allow a JSON answer (Warden answers every POST with {@code application/json}); a
     * client that sends no {@code Accept} is served anyway.
     */
    static void requireJsonAcceptable(HttpServletRequest req) {
        var values = req.getHeaders("Accept");
        if (values == null || !values.hasMoreElements()) return;
        StringBuilder all = new StringBuilder();
        while (values.hasMoreElements()) all.append(values.nextElement()).append(',');
        String accept = all.toString().toLowerCase(Locale.ROOT);
        if (accept.contains("application/json") || accept.contains("*/*") || accept.contains("application/*")) return;
        throw McpError.http(406, McpError.INVALID_REQUEST, "Accept must include application/json (MCP clients send "
                + "'Accept: application/json, text/event-stream'), got '" + req.getHeader("Accept") + "'");
    }

    /** The body, refused with 413 when longer than {@code maxBytes} (declared or actual). */
    static byte[] readBody(HttpServletRequest req, long maxBytes) {
        if (req.getContentLengthLong() > maxBytes) throw tooLarge(maxBytes);
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = BoundedBodies.read(in, req.getContentLengthLong(), maxBytes);
            if (bytes.length > maxBytes) throw tooLarge(maxBytes);
            return bytes;
        } catch (IOException e) {
            throw McpError.http(400, McpError.PARSE_ERROR, "the request body could not be read");
        }
    }

    private static McpError tooLarge(long maxBytes) {
        return McpError.http(413, McpError.INVALID_REQUEST, "the request body is larger than the limit of "
                + maxBytes + " bytes (gateway.max_body_size)");
    }

    /** Well-formed JSON with no duplicate keys, or a -32700 parse error (HTTP 400) saying where it broke. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) throw McpError.http(400, McpError.PARSE_ERROR, "Parse error: the request body is empty");
        try {
            return ClientJson.readTree(body);
        } catch (JacksonException e) {
            throw McpError.http(400, McpError.PARSE_ERROR, "Parse error: " + JacksonErrors.describe(e));
        } catch (ClientJson.MalformedUtf8 e) {
            throw McpError.http(400, McpError.PARSE_ERROR, "Parse error: " + e.getMessage());
        } catch (ClientJson.NumberOutOfRange e) {
            throw McpError.http(400, McpError.INVALID_REQUEST, "Invalid request: " + e.getMessage());
        }
    }

    /** 401 with the RFC 9728 pointer, so an MCP client can discover where to get a token. */
    static void unauthorized(HttpServletResponse resp, String metadataUrl, AuthenticationException e)
            throws IOException {
        String challenge = "Bearer resource_metadata=\"" + metadataUrl + "\"";
        if (e.credentialsPresent()) {
            challenge += ", error=\"invalid_token\", error_description=\"" + e.getMessage().replace("\"", "'") + "\"";
        }
        resp.setHeader("WWW-Authenticate", challenge);
        error(resp, null, McpError.http(401, McpError.UNAUTHORIZED, "unauthorized: " + e.getMessage()));
    }

    /** An error answer; what the request left unread of its body is dealt with by {@code http.DrainingResponse}. */
    static void error(HttpServletResponse resp, JsonNode id, McpError e) throws IOException {
        json(resp, e.httpStatus(), JsonRpc.error(id, e));
    }

    static void json(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
