package dev.kiroku.breachreporting.affected;

import dev.kiroku.platform.persistence.FieldCipher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AffectedPersonTest {

    private final FieldCipher cipher = new FieldCipher("t1:" + FieldCipher.newKey(), List.of(), FieldCipher.newKey());
    private final AffectedPerson.Sealer sealer = new AffectedPerson.Sealer() {
        @Override
        public byte[] seal(String value, UUID row) {
            return value == null ? null : cipher.encrypt(value, row);
        }

        @Override
        public String open(byte[] sealed, UUID row) {
            return sealed == null ? null : cipher.decrypt(sealed, row);
        }
    };
    private final Instant now = Instant.parse("2026-11-20T01:00:00Z");

    @Test
    void a_person_named_in_full_width_digits_is_the_same_person_as_in_ascii() {
        AffectedSubject fullWidth = new AffectedSubject("customer-number", " Ｃ－００１２ ", null, null, null);
        AffectedSubject ascii = new AffectedSubject("customer-number", "C-0012", null, null, null);

        assertThat(fullWidth.indexInput()).isEqualTo(ascii.indexInput()).isEqualTo("customer-number:C-0012");
    }

    @Test
    void the_notice_language_is_japanese_unless_english_is_asked_and_nothing_else_is_accepted() {
        assertThat(new AffectedSubject("s", "1", null, null, " EN ").language()).isEqualTo("en");
        assertThat(new AffectedSubject("s", "1", null, null, "").language()).isEqualTo("ja");
        assertThatThrownBy(() -> new AffectedSubject("s", "1", null, null, "fr"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifier_name_and_email_are_stored_only_sealed_and_open_again() {
        AffectedPerson person = AffectedPerson.named(UUID.randomUUID(),
                new AffectedSubject("customer-number", "C-0012", "佐藤花子", "hanako@example.jp", "ja"), "idx",
                AffectedPersonSource.CSV_IMPORT, UUID.randomUUID(), "officer", now, sealer);

        assertThat(person.open(sealer)).isEqualTo(
                new AffectedSubject("customer-number", "C-0012", "佐藤花子", "hanako@example.jp", "ja"));
        assertThat(person.reachableByEmail()).isTrue();
    }

    @Test
    void a_later_source_adds_a_missing_email_but_never_overwrites_what_is_known() {
        AffectedPerson person = AffectedPerson.named(UUID.randomUUID(),
                new AffectedSubject("customer-number", "C-0012", "佐藤花子", null, null), "idx",
                AffectedPersonSource.PROVISION_RECORDS, UUID.randomUUID(), "service", now, sealer);
        assertThat(person.reachableByEmail()).isFalse();

        boolean changed = person.complete(
                new AffectedSubject("customer-number", "C-0012", "別人", "hanako@example.jp", "en"),
                now.plusSeconds(60), sealer);

        assertThat(changed).isTrue();
        assertThat(person.open(sealer)).isEqualTo(
                new AffectedSubject("customer-number", "C-0012", "佐藤花子", "hanako@example.jp", "en"));
        assertThat(person.updatedAt()).isEqualTo(now.plusSeconds(60));
        assertThat(person.complete(new AffectedSubject("customer-number", "C-0012", null, "other@example.jp", "ja"),
                now.plusSeconds(120), sealer)).isFalse();
        assertThat(person.open(sealer).email()).isEqualTo("hanako@example.jp");
    }
}
