package dev.warden.gateway.http;

import dev.warden.gateway.observability.RequestIds;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /tools/invoke}, the gateway's hot path, served on Jetty's own request API in front of Javalin; every
 * other request passes through to Javalin's servlet untouched.
 *
 * <p>Why: under the load benchmark (32 clients, 2 cores) the servlet layers a request crosses on its way to a Javalin
 * route (servlet channel, filter chain, session and event wrappers, Javalin's routing and context) cost about a
 * sixth of the gateway's CPU per call: served here, a call took 112–127 µs of CPU (three three-round runs) where it
 * took 145 and 150 through Javalin. The route's logic is {@link ToolInvocation#invoke}, shared with the Javalin
 * route, and its answers (body, headers, the error envelope of {@link ErrorMapper#failure}, the 503 while stopping)
 * are the same.
 *
 * <p>Every other request gets a {@link DrainingResponse}, so that an error answered before its body was read leaves
 * the connection usable.
 *
 * <p>With CORS enabled, a request carrying an {@code Origin} goes on to the Javalin route, where the CORS rules
 * apply; so does anything but an exact {@code POST /tools/invoke} (a preflight, another method, a trailing slash).
 */
final class ToolInvokeHandler extends Handler.Wrapper {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/tools/invoke";

    private final ToolInvocation invocation;
    private final ShutdownGate gate;
    private final boolean cors;

    /** @param cors whether CORS is enabled (requests with an {@code Origin} are then left to Javalin) */
    ToolInvokeHandler(ToolInvocation invocation, ShutdownGate gate, boolean cors) {
        this.invocation = invocation;
        this.gate = gate;
        this.cors = cors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request = headAsGet(oneAuthorization(request));
        if (!HttpMethod.POST.is(request.getMethod()) || !PATH.equals(request.getHttpURI().getPath())
                || (cors && request.getHeaders().contains(HttpHeader.ORIGIN))) {
            // A handler behind may refuse a request before reading its body: keep the connection usable anyway.
            return super.handle(request, DrainingResponse.mayHaveBody(request)
                    ? new DrainingResponse(request, response, invocation.maxBodyBytes()) : response, callback);
        }
        long start = System.nanoTime();
        String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        try {
            if (!gate.enter()) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the body stays unread
                send(response, callback, ErrorCode.SHUTTING_DOWN.status(), requestId, ShutdownGate.refusal(), null);
                return true;
            }
            boolean sending = false; // once the response is on its way, its callback leaves the gate
            try {
                Answer answer = answer(request, requestId, start);
                Callback done = Callback.from(Invocable.InvocationType.NON_BLOCKING, () -> {
                    gate.leave();
                    callback.succeeded();
                }, failure -> {
                    gate.leave();
                    callback.failed(failure);
                });
                sending = true;
                send(response, done, answer.status(), requestId, answer.body(), answer.challenge());
                return true;
            } finally {
                if (!sending) gate.leave(); // an Error on the way: Jetty answers it, and the gate must not wait
            }
        } finally {
            RequestIds.clear();
        }
    }

    /**
     * The request, with repeated {@code Authorization} headers made one whose value joins theirs (as HTTP joins a
     * field's lines): every credential check, on every route and transport, then sees all of them and refuses the
     * request, instead of each reading the first and a proxy in front perhaps the last.
     */
    static Request oneAuthorization(Request request) {
        HttpFields headers = request.getHeaders();
        int count = 0;
        for (HttpField field : headers) {
            if (field.getHeader() == HttpHeader.AUTHORIZATION && ++count > 1) break;
        }
        if (count < 2) return request;
        HttpFields joined = HttpFields.build(headers).put(HttpHeader.AUTHORIZATION,
                String.join(", ", headers.getValuesList(HttpHeader.AUTHORIZATION))).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() { return joined; }
        };
    }

    /**
     * A {@code HEAD} request as the {@code GET} it stands for: the routes, with their authentication and checks, answer
     * it as they answer the GET, and Jetty, which still knows the request was a HEAD, sends the head without the body.
     * (Javalin itself answers a HEAD to any GET route with an empty 200, running no handler: {@code HEAD /audit}
     * without a token was a 200 where the GET is a 401.)
     */
    static Request headAsGet(Request request) {
        if (!HttpMethod.HEAD.is(request.getMethod())) return request;
        return new Request.Wrapper(request) {
            @Override
            public String getMethod() { return HttpMethod.GET.asString(); }
        };
    }

    /** A response: status, {@code WWW-Authenticate} challenge (or null), JSON body. */
    private record Answer(int status, String challenge, byte[] body) {}

    private Answer answer(Request request, String requestId, long start) {
        try {
            byte[] in = JsonBodies.read(Content.Source.asInputStream(request), request.getLength(),
                    invocation.maxBodyBytes());
            return new Answer(200, null, JSON.writeValueAsBytes(invocation.invoke(in,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), requestId, start,
                    Request.getRemoteAddr(request))));
        } catch (Exception e) {
            ErrorMapper.Failure failure = ErrorMapper.failure(e, request.getMethod(), PATH, requestId);
            return new Answer(failure.status(), failure.challenge(), JSON.writeValueAsBytes(failure.envelope()));
        }
    }

    private static void send(Response response, Callback callback, int status, String requestId, byte[] body,
                             String challenge) {
        response.setStatus(status);
        var headers = response.getHeaders();
        headers.put(RequestIds.HEADER, requestId);
        if (challenge != null) headers.put(HttpHeader.WWW_AUTHENTICATE, challenge);
        // Every other answer comes after the whole body was read; a body over the limit is left unread.
        if (status == ErrorCode.PAYLOAD_TOO_LARGE.status()) headers.put(HttpHeader.CONNECTION, "close");
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
