package dev.warden.gateway.util;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as they may be shown: in answers, on {@code /health}, in log lines. */
public final class Urls {
    private Urls() {}

    /**
     * The URL without its user information, query and fragment, where credentials are put
     * ({@code https://user:secret@host/...}, {@code ?token=...}); unchanged when it has none.
     */
    public static String withoutCredentials(String url) {
        try {
            URI u = URI.create(url);
            if (u.getRawUserInfo() == null && u.getRawQuery() == null && u.getRawFragment() == null) return url;
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(an unreadable URL)"; // never shown raw, whatever it holds
        }
    }
}
