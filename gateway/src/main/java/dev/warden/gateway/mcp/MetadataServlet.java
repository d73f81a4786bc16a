package dev.warden.gateway.mcp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/** Serves {@link ResourceMetadata}: public, cacheable, readable from any web origin (it holds no secrets). */
final class MetadataServlet extends HttpServlet {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final transient ResourceMetadata metadata;

    MetadataServlet(ResourceMetadata metadata) { this.metadata = metadata; }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Access-Control-Allow-Origin", "*");
        if (req.getMethod().equals("OPTIONS")) {
            resp.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
            resp.setStatus(204);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD, OPTIONS");
            resp.sendError(405);
            return;
        }
        byte[] body = JSON.writeValueAsBytes(metadata.document(req));
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "max-age=300");
        resp.setContentLength(body.length);
        if (req.getMethod().equals("GET")) resp.getOutputStream().write(body);
    }
}
