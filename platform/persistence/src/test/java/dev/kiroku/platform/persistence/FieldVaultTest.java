package dev.kiroku.platform.persistence;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared vault reads what the services' own vaults stored before it, and indexes as they did. */
class FieldVaultTest {

    /** The test keys of breach-reporting's and provision-records' application.properties. */
    static final String KEY = "test1:dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxuZyE=";
    static final String INDEX_KEY = "dGVzdC1vbmx5LWluZGV4LWtleS0zMi1ieXRlcy1sbyE=";
    static final UUID ROW = UUID.fromString("0190f5c2-7a4e-7b3c-9d2e-3f4a5b6c7d8e");
    /** Sealed by PersonVault / SubjectVault (FieldCipher under the keys above) before the shared vault existed. */
    static final String STORED = "057465737431ffbcd4abf0722fb4605f5336a116b3e96734fd4161cc45919663dcfdce703c5d6511dc"
            + "a144864183b0c15c200b88b565f17c0940723e8c54de478c";
    static final String STORED_INDEX = "02b918a2c7ea4840a56ecc0b52c3f21ba31aae6e4311284dbabf83c917adcc14";

    static CryptoConfig config(String key, List<String> retired, String indexKey) {
        return new CryptoConfig() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<List<String>> retiredKeys() {
                return Optional.ofNullable(retired);
            }

            @Override
            public Optional<String> indexKey() {
                return Optional.ofNullable(indexKey);
            }

            @Override
            public Optional<String> auditSigningKey() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> auditRetiredSigningKeys() {
                return Optional.empty();
            }

            @Override
            public Optional<String> auditWitnessKey() {
                return Optional.empty();
            }
        };
    }

    @Test
    void opensWhatWasStoredAndIndexesAsBefore() {
        FieldVault vault = new FieldVault(config(KEY, null, INDEX_KEY));
        assertThat(vault.open(HexFormat.of().parseHex(STORED), ROW)).isEqualTo("山田 太郎 <taro@example.jp>");
        assertThat(vault.blindIndex("email:taro@example.jp")).isEqualTo(STORED_INDEX);
    }

    @Test
    void aRetiredKeyStillOpens() {
        String next = "k2:" + FieldCipher.newKey();
        FieldVault vault = new FieldVault(config(next, List.of(KEY), INDEX_KEY));
        assertThat(vault.open(HexFormat.of().parseHex(STORED), ROW)).isEqualTo("山田 太郎 <taro@example.jp>");
        byte[] sealed = vault.seal("x", ROW);
        assertThat(new String(sealed, 1, sealed[0], java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("k2");
    }

    @Test
    void sealsForTheRowOnly() {
        FieldVault vault = new FieldVault(config(KEY, null, INDEX_KEY));
        byte[] sealed = vault.seal("value", ROW);
        assertThat(vault.open(sealed, ROW)).isEqualTo("value");
        assertThatThrownBy(() -> vault.open(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        assertThat(vault.seal(null, ROW)).isNull();
        assertThat(vault.open(null, ROW)).isNull();
    }

    @Test
    void refusesToStartWithoutKeys() {
        assertThatThrownBy(() -> new FieldVault(config(null, null, INDEX_KEY)))
                .hasMessageContaining("KIROKU_CRYPTO_KEY");
        assertThatThrownBy(() -> new FieldVault(config(KEY, null, null)))
                .hasMessageContaining("KIROKU_CRYPTO_INDEX_KEY");
    }
}
