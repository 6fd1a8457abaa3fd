package dev.kiroku.platform.persistence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private final FieldCipher cipher = new FieldCipher(1, FieldCipher.newKey(), FieldCipher.newKey());
    private final UUID row = UUID.randomUUID();

    @Test
    void encryptedValuesDecryptForTheirOwnRowOnly() {
        byte[] sealed = cipher.encrypt("佐藤花子", row);

        assertThat(cipher.decrypt(sealed, row)).isEqualTo("佐藤花子");
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("佐藤");
        assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTimeButIndexesTheSame() {
        assertThat(cipher.encrypt("C-1", row)).isNotEqualTo(cipher.encrypt("C-1", row));
        assertThat(cipher.blindIndex("customer-number:C-1")).isEqualTo(cipher.blindIndex("customer-number:C-1"))
                .hasSize(64).isNotEqualTo(cipher.blindIndex("customer-number:C-2"));
    }

    @Test
    void anotherIndexKeyGivesAnotherIndex() {
        FieldCipher other = new FieldCipher(1, FieldCipher.newKey(), FieldCipher.newKey());
        assertThat(other.blindIndex("customer-number:C-1")).isNotEqualTo(cipher.blindIndex("customer-number:C-1"));
    }

    @Test
    void alteredCiphertextIsRefused() {
        byte[] sealed = cipher.encrypt("C-1", row);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, row)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new FieldCipher(1, "c2hvcnQ=", FieldCipher.newKey()))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher(1, "not base64!", FieldCipher.newKey()))
                .hasMessageContaining("not base64");
    }
}
