package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    private static InputStream stream(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsABodyFramedByContentLengthAndLeavesTheNextResponseInPlace() throws IOException {
        ResponseReader reader = new ResponseReader(stream(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                        + "HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\nno"));

        HttpResponse first = reader.read();
        HttpResponse second = reader.read();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).isEqualTo("hello");
        assertThat(first.closeAfter()).isFalse();
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.bodyText()).isEqualTo("no");
    }

    @Test
    void joinsChunksAndSkipsExtensionsAndTrailers() throws IOException {
        ResponseReader reader = new ResponseReader(stream(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n"
                        + "HTTP/1.1 204 No Content\r\n\r\n"));

        assertThat(reader.read().bodyText()).isEqualTo("{\"a\":1}");
        assertThat(reader.read().status()).isEqualTo(204);
    }

    @Test
    void readsToTheEndWhenNeitherLengthNorChunkingIsGivenAndMarksTheConnectionClosed() throws IOException {
        HttpResponse response = new ResponseReader(stream("HTTP/1.0 200 OK\r\n\r\nall of it")).read();

        assertThat(response.bodyText()).isEqualTo("all of it");
        assertThat(response.closeAfter()).isTrue();
    }

    @Test
    void honoursConnectionClose() throws IOException {
        HttpResponse response = new ResponseReader(stream(
                "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).read();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.closeAfter()).isTrue();
    }

    @Test
    void reportsATruncatedBodyAsEndOfStream() {
        ResponseReader reader = new ResponseReader(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));

        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class).hasMessageContaining("5 of 10");
    }

    @Test
    void rejectsSomethingThatIsNotHttp() {
        ResponseReader reader = new ResponseReader(stream("SSH-2.0-OpenSSH_9.2\r\n"));

        assertThatThrownBy(reader::read).isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x");
    }
}
