package dev.warden.gateway.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an HTTP body whole, up to a limit, allocating about what the body needs: exactly its length when the
 * sender declared one, otherwise a buffer that grows from a small start. ({@link InputStream#readNBytes(int)}
 * with a large limit allocates 16 KB at once, whatever the body's size, on every request.)
 *
 * <pre>{@code
 * byte[] body = BoundedBodies.read(request.getInputStream(), request.getContentLengthLong(), 1 << 20);
 * if (body.length > 1 << 20) -> 413
 * }</pre>
 */
public final class BoundedBodies {
    private BoundedBodies() {}

    /**
     * @param declaredLength the body's {@code Content-Length}, or a negative number when unknown
     * @return the body, or its first {@code maxBytes + 1} bytes when it is longer than {@code maxBytes} (so the
     *         caller can tell an oversized body by its length)
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        long limit = Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        if (declaredLength >= 0 && declaredLength < limit) {
            return in.readNBytes((int) declaredLength); // HTTP framing ends the stream at the declared length
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] chunk = new byte[2048];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - total))) >= 0) {
            out.write(chunk, 0, n);
            total += n;
        }
        return out.toByteArray();
    }
}
