package dev.warden.gateway.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * The errors Jetty answers itself, before any route sees the request (a malformed URI, header fields too large, a
 * bad chunk, an unknown HTTP version), in the gateway's envelope {@code {"error": {"code", "message", "details"}}}
 * instead of Jetty's HTML page, whatever the request's {@code Accept}. The message is the status's reason, with
 * Jetty's own detail for a request it refused; the text of a server failure, and anything naming Java classes, is
 * left out.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code);
        boolean callersFault = code < 500 || code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
        // Jetty's reasons for refusing a request ("No Host", "Multiple Content-Lengths") help the caller; the text of
        // a server failure is an exception's, which the caller must not see.
        boolean plain = callersFault && message != null && !message.isBlank() && !message.equals(reason)
                && !message.contains("Exception") && !message.contains("Error") && !message.contains("java.")
                && !message.contains("org.eclipse");
        byte[] body = JSON.writeValueAsBytes(new ErrorMapper.Failure(code, ErrorCode.forStatus(code),
                plain ? reason + ": " + message : reason, Map.of(), null).envelope());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
