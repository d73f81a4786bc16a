package dev.warden.gateway.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientJsonTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain ascii", "é ü ß", "€ 中文", "😀 🏳️‍🌈", "\uD7FF \uE000 \uFFFD \uDBFF\uDFFF"})
    void wellFormedTextOfEveryLengthPasses(String text) {
        assertThat(ClientJson.firstIllFormedByte(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void illFormedSequencesAreFoundAtTheirFirstByte() {
        assertThat(ClientJson.firstIllFormedByte(bytes('a', 0xc0, 0x80))).as("overlong NUL").isEqualTo(1);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xc1, 0xbf))).as("overlong 2-byte").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xe0, 0x9f, 0xbf))).as("overlong 3-byte").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xf0, 0x8f, 0xbf, 0xbf))).as("overlong 4-byte").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes('x', 'y', 0xed, 0xa0, 0x80))).as("a surrogate").isEqualTo(2);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xf4, 0x90, 0x80, 0x80))).as("beyond U+10FFFF").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0x80))).as("a lone continuation").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xe2, 0x82))).as("truncated at the end").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xe2, 'a', 0xac))).as("interrupted").isEqualTo(0);
        assertThat(ClientJson.firstIllFormedByte(bytes(0xff))).as("never in UTF-8").isEqualTo(0);
    }

    @Test
    void readTreeRefusesIllFormedTextNamingTheByte() {
        byte[] body = "{\"query\":\"SELECT ?? 1\"}".getBytes(StandardCharsets.US_ASCII);
        body[17] = (byte) 0xc0;
        body[18] = (byte) 0x80;
        assertThatThrownBy(() -> ClientJson.readTree(body))
                .isInstanceOf(ClientJson.MalformedUtf8.class)
                .hasMessage("the text is not well-formed UTF-8 at byte 17 (0xc0; an invalid, overlong, surrogate or "
                        + "truncated sequence)");
        assertThat(ClientJson.readTree("{\"q\":\"été\"}".getBytes(StandardCharsets.UTF_8)).get("q").asString())
                .isEqualTo("été");
    }
}
