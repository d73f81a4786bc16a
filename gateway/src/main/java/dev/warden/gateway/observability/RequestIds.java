package dev.warden.gateway.observability;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is a plain token (letters, digits, {@code . _ - :},
 * at most 128), otherwise a fresh UUID, so that a header cannot inject text into logs. The id is put in the
 * logging MDC under {@code request_id}, so every log line of the request carries it.
 *
 * <pre>{@code
 * String id = RequestIds.accept(ctx.header(RequestIds.HEADER)); // also sets the MDC
 * }</pre>
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    public static String accept(String offered) {
        String id = offered != null && SAFE.matcher(offered).matches() ? offered : Uuids.next();
        MDC.put(MDC_KEY, id);
        return id;
    }

    public static void clear() { MDC.remove(MDC_KEY); }
}
