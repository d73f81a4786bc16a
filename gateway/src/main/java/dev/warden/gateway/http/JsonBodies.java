package dev.warden.gateway.http;

import dev.warden.gateway.io.BoundedBodies;
import dev.warden.gateway.util.ClientJson;
import dev.warden.gateway.util.JacksonErrors;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict reading of JSON request bodies: a size limit checked before and while reading (413), well-formed JSON
 * with no duplicate keys (400), a top-level object, no unknown fields, and typed field access that names the
 * field at fault.
 */
public final class JsonBodies {
    private static final JsonMapper STRICT = ClientJson.MAPPER;

    private JsonBodies() {}

    /** Reads the body as a JSON object whose keys are all in {@code fields}. */
    public static ObjectNode object(Context ctx, long maxBytes, Set<String> fields) {
        return object(read(ctx, maxBytes), fields);
    }

    /** As {@link #object(Context, long, Set)}, for a body already read (see {@link #read(InputStream, long, long)}). */
    public static ObjectNode object(byte[] bytes, Set<String> fields) {
        if (bytes.length == 0) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body is empty; send a JSON object with "
                    + fields.stream().sorted().toList());
        }
        JsonNode node;
        try {
            node = ClientJson.readTree(bytes);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST,
                    "the request body is not valid JSON: " + JacksonErrors.describe(e));
        } catch (ClientJson.MalformedUtf8 e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body is not valid JSON: " + e.getMessage());
        } catch (ClientJson.NumberOutOfRange e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body cannot be used: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object, got "
                    + kind(node));
        }
        for (String name : obj.propertyNames()) {
            if (!fields.contains(name)) {
                throw ApiException.invalid(name, "unknown field; expected only " + fields.stream().sorted().toList());
            }
        }
        return obj;
    }

    public static String requiredString(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw ApiException.invalid(field, "required");
        if (!v.isString()) throw ApiException.invalid(field, "must be a string, got " + kind(v));
        if (v.asString().isBlank()) throw ApiException.invalid(field, "must not be empty");
        return v.asString();
    }

    /** An optional object field; absent or null is an empty object. */
    public static ObjectNode optionalObject(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return STRICT.createObjectNode();
        if (!(v instanceof ObjectNode o)) throw ApiException.invalid(field, "must be an object, got " + kind(v));
        return o;
    }

    static byte[] read(Context ctx, long maxBytes) {
        try {
            return read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), maxBytes);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads a whole body of at most {@code maxBytes} (413 beyond), closing {@code in}.
     *
     * @param declared the body's {@code Content-Length}, or a negative number when it has none
     */
    public static byte[] read(InputStream in, long declared, long maxBytes) {
        if (declared > maxBytes) throw tooLarge(maxBytes);
        try (in) {
            byte[] bytes = BoundedBodies.read(in, declared, maxBytes);
            if (bytes.length > maxBytes) throw tooLarge(maxBytes);
            return bytes;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** A body that broke off: 408 when it stopped arriving for the idle timeout, else 400. */
    private static ApiException unreadable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return new ApiException(ErrorCode.REQUEST_TIMEOUT, "the request body stopped arriving: nothing came "
                        + "for the connection's idle timeout (gateway.idle_timeout); send the whole body with the "
                        + "request");
            }
        }
        return new ApiException(ErrorCode.INVALID_REQUEST, "the request body could not be read");
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the limit of "
                + maxBytes + " bytes (gateway.max_body_size)", Map.of("limit_bytes", maxBytes));
    }

    public static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            default -> "an unsupported value";
        };
    }
}
