package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class DigestsTest {

    /** FIPS 180-2 test vectors. */
    @Test
    void knownVectors() {
        assertThat(Digests.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digests.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void textIsUtf8() {
        assertThat(Digests.sha256Hex("共同利用")).isEqualTo(Digests.sha256Hex("共同利用".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void streamingEqualsWhole() throws IOException {
        byte[] data = "a".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = Digests.sha256();
        try (InputStream in = new DigestInputStream(new ByteArrayInputStream(data), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(Digests.hex(sha)).isEqualTo(Digests.sha256Hex(data)).hasSize(64).matches("[0-9a-f]{64}");
    }
}
