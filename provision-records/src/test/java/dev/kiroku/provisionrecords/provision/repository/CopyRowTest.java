package dev.kiroku.provisionrecords.provision.repository;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ingest's COPY rows: PostgreSQL's text format, encoded as UTF-8 by the row itself. */
class CopyRowTest {

    private static String decoded(byte[] row) {
        return new String(row, StandardCharsets.UTF_8);
    }

    @Test
    void columnsAreTabSeparatedWithNullAsBackslashNAndTheRowEndsWithANewline() {
        UUID id = UUID.fromString("01a24eb3-f061-7734-b099-51b884e28c91");
        byte[] row = new CopyRow(4).add(id).add(null).add(7).add(true).add(LocalDate.of(2026, 12, 7))
                .add(new byte[] {0, (byte) 0xAB, 0x7F}).add(List.of("NAME", "a\"b\\c")).end();
        assertThat(decoded(row)).isEqualTo(id + "\t\\N\t7\tt\t2026-12-07\t\\\\x00ab7f\t{\"NAME\",\"a\\\\\"b\\\\\\\\c\"}\n");
    }

    @Test
    void backslashTabNewlineAndCarriageReturnAreEscapedAndEveryOtherCharacterKept() {
        String text = "a\\b\tc\nd\re 東京都 é ‰";
        byte[] row = new CopyRow(1).add(text).end();
        assertThat(decoded(row)).isEqualTo("a\\\\b\\tc\\nd\\re 東京都 é ‰\n");
    }

    @Test
    void charactersOutsideTheBasicPlaneAreEncodedWholeAtEveryOffset() {
        // 𠮷 (U+20BB7) and 😀 (U+1F600) are two UTF-16 units each: at every offset and length they must come out as
        // their four UTF-8 bytes, as String.getBytes gives them, never as "?"
        for (int prefix = 0; prefix < 5; prefix++) {
            String text = "あ".repeat(prefix) + "𠮷".repeat(prefix + 1) + "😀x";
            byte[] row = new CopyRow(2).add(text).end();
            assertThat(row).isEqualTo((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLoneSurrogateIsNeverStoredAsASubstitute() {
        assertThatThrownBy(() -> new CopyRow(8).add("a\uD842").end()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyRow(8).add("\uDFB7b").end()).isInstanceOf(IllegalArgumentException.class);
    }
}
