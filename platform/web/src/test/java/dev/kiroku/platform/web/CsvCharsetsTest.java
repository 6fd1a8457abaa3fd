package dev.kiroku.platform.web;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The character sets of CSV files as Excel in Japan writes and reads them (docs/api-conventions.md "CSV"). */
class CsvCharsetsTest {

    static final Charset MS932 = Charset.forName("windows-31j");

    @TempDir
    Path dir;

    Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "csv", ".csv"), bytes);
    }

    static String read(Path file, CsvCharsets.Encoding encoding) throws IOException {
        try (Reader reader = CsvCharsets.reader(Files.newInputStream(file), encoding)) {
            StringBuilder out = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1) {
                out.append((char) c);
            }
            return out.toString();
        }
    }

    @Test
    void utf8IsTheDefaultAndIsWrittenWithAByteOrderMark() throws IOException {
        CsvCharsets.Encoding encoding = CsvCharsets.requested(null, List.of(MediaType.valueOf("text/csv")));
        assertThat(encoding).isEqualTo(CsvCharsets.Encoding.UTF_8);
        assertThat(encoding.contentType()).isEqualTo("text/csv; charset=UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = encoding.writer(out)) {
            writer.write("氏名\r\n");
        }
        assertThat(out.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(encoding.bytes("a")).containsExactly(0xEF, 0xBB, 0xBF, 'a');
    }

    @Test
    void shiftJisIsAskedForByQueryOrAcceptUnderEveryNameExcelUsersKnowAndIsWindows31j() {
        for (String name : List.of("Shift_JIS", "shift-jis", "SJIS", "windows-31j", "MS932", "cp932")) {
            assertThat(CsvCharsets.requested(name, List.of())).isEqualTo(CsvCharsets.Encoding.SHIFT_JIS);
            assertThat(CsvCharsets.requested(null, List.of(new MediaType("text", "csv", Map.of("charset", name)))))
                    .isEqualTo(CsvCharsets.Encoding.SHIFT_JIS);
        }
        assertThat(CsvCharsets.Encoding.SHIFT_JIS.charset()).isEqualTo(MS932);
        assertThat(CsvCharsets.Encoding.SHIFT_JIS.contentType()).isEqualTo("text/csv; charset=Shift_JIS");
        // NEC/IBM extensions Excel writes: strict JIS X 0208 Shift_JIS cannot hold them, windows-31j can
        assertThat(Charset.forName("Shift_JIS").newEncoder().canEncode("①㈱髙")).isFalse();
        assertThat(CsvCharsets.Encoding.SHIFT_JIS.canEncode("①㈱髙")).isTrue();
        assertThat(CsvCharsets.firstUnencodable(CsvCharsets.Encoding.SHIFT_JIS, "id", "①", "𠮷野家")).contains(2);
        assertThat(CsvCharsets.firstUnencodable(CsvCharsets.Encoding.UTF_8, "𠮷野家")).isEmpty();
    }

    @Test
    void anUnknownCharsetIs400InTheQueryAnd406InAccept() {
        assertThatThrownBy(() -> CsvCharsets.requested("EUC-JP", List.of()))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> CsvCharsets.requested(null,
                List.of(new MediaType("text", "csv", Map.of("charset", "EUC-JP")))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(406));
    }

    @Test
    void importsRecogniseUtf8WithOrWithoutAMarkAndShiftJisAndReadThemTheSame() throws IOException {
        String text = "scheme,identifier,name\r\ncustomer-number,C-1,髙橋①子\r\n";
        Path bom = file(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
        Path plain = file(text.getBytes(StandardCharsets.UTF_8));
        Path sjis = file(text.getBytes(MS932));
        assertThat(CsvCharsets.detect(bom, null)).isEqualTo(CsvCharsets.Encoding.UTF_8);
        assertThat(CsvCharsets.detect(plain, null)).isEqualTo(CsvCharsets.Encoding.UTF_8);
        assertThat(CsvCharsets.detect(sjis, null)).isEqualTo(CsvCharsets.Encoding.SHIFT_JIS);
        assertThat(CsvCharsets.detect(sjis, "Shift_JIS")).isEqualTo(CsvCharsets.Encoding.SHIFT_JIS);
        // a client library's default charset says nothing about the file: the bytes decide
        assertThat(CsvCharsets.detect(plain, "ISO-8859-1")).isEqualTo(CsvCharsets.Encoding.UTF_8);
        assertThat(CsvCharsets.detect(sjis, "US-ASCII")).isEqualTo(CsvCharsets.Encoding.SHIFT_JIS);
        assertThat(read(bom, CsvCharsets.Encoding.UTF_8)).isEqualTo(text);
        assertThat(read(plain, CsvCharsets.Encoding.UTF_8)).isEqualTo(text);
        assertThat(read(sjis, CsvCharsets.Encoding.SHIFT_JIS)).isEqualTo(text);
    }

    @Test
    void aFileInAnotherEncodingIsRefusedWithHowToSaveCsvUtf8FromExcel() throws IOException {
        String text = "scheme,identifier,name\r\ncustomer-number,C-1,髙橋①子\r\n";
        Path utf16 = file(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        Path sjisDeclaredUtf8 = file(text.getBytes(MS932));
        Path latin1 = file(new byte[] {'a', ',', (byte) 0xFF, (byte) 0xFE, '\r', '\n'});
        for (var c : List.of(new Object[] {utf16, null}, new Object[] {sjisDeclaredUtf8, "UTF-8"},
                new Object[] {latin1, null}, new Object[] {latin1, "ISO-8859-1"})) {
            assertThatThrownBy(() -> CsvCharsets.detect((Path) c[0], (String) c[1]))
                    .isInstanceOf(CsvCharsets.NotCsvText.class)
                    .hasMessageContaining("CSV UTF-8");
        }
    }

    @Test
    void aReaderOverBytesSkipsTheMarkOnlyOnce() throws IOException {
        byte[] twice = "\uFEFF\uFEFFa".getBytes(StandardCharsets.UTF_8);
        try (Reader reader = CsvCharsets.reader(new ByteArrayInputStream(twice), CsvCharsets.Encoding.UTF_8)) {
            assertThat((char) reader.read()).isEqualTo('\uFEFF');
        }
    }
}
