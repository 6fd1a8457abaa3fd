package dev.kiroku.platform.persistence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private static final String K1 = "k1:" + FieldCipher.newKey();
    private static final String INDEX = FieldCipher.newKey();
    private final FieldCipher cipher = new FieldCipher(K1, List.of(), INDEX);
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
        FieldCipher other = new FieldCipher(K1, List.of(), FieldCipher.newKey());
        assertThat(other.blindIndex("customer-number:C-1")).isNotEqualTo(cipher.blindIndex("customer-number:C-1"));
    }

    @Test
    void afterARotationOldCiphertextsStillDecryptAndNewOnesUseTheNewKey() {
        byte[] underK1 = cipher.encrypt("C-1", row);
        FieldCipher rotated = new FieldCipher("k2:" + FieldCipher.newKey(), List.of(K1), INDEX);

        assertThat(rotated.decrypt(underK1, row)).isEqualTo("C-1");
        byte[] underK2 = rotated.encrypt("C-1", row);
        assertThat(rotated.decrypt(underK2, row)).isEqualTo("C-1");
        assertThatThrownBy(() -> cipher.decrypt(underK2, row)).hasMessageContaining("'k2'");
        assertThat(rotated.currentKeyId()).isEqualTo("k2");
    }

    @Test
    void alteredCiphertextIsRefused() {
        byte[] sealed = cipher.encrypt("C-1", row);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, row)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysMustBeAnIdAnd32BytesOfBase64() {
        assertThatThrownBy(() -> new FieldCipher("k1:c2hvcnQ=", List.of(), INDEX)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher(FieldCipher.newKey(), List.of(), INDEX))
                .hasMessageContaining("<id>:");
        assertThatThrownBy(() -> new FieldCipher("k1:not base64!", List.of(), INDEX))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> new FieldCipher(K1, List.of(K1), INDEX)).hasMessageContaining("twice");
    }
}
