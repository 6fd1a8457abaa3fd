package dev.kiroku.platform.web;

import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The character sets of the CSV files Kiroku writes and reads (docs/api-conventions.md "CSV"): UTF-8 with a byte-order mark
 * by default — the mark is how Excel recognises UTF-8, without it Excel in Japan reads the file as Shift_JIS and
 * shows mojibake — and Shift_JIS on request; imports accept both.
 *
 * <p>"Shift_JIS" here is Microsoft's code page 932, {@code windows-31j} in Java (alias MS932): it is what Excel in
 * Japan writes when it saves "CSV (comma delimited)", and what browsers and the WHATWG Encoding Standard decode for
 * the label Shift_JIS. Java's strict {@code Shift_JIS} charset (JIS X 0208 only) lacks the NEC and IBM extensions
 * Excel writes (①, Ⅰ, ㈱, 髙, 﨑...) and maps 〜 and － differently, so a file Excel saved would not round-trip through
 * it. The response still says {@code charset=Shift_JIS}, the label every client knows.
 *
 * <p>A character windows-31j cannot encode (an emoji, 𠮷, a Latin letter with a diacritic outside JIS) is never
 * replaced by a look-alike or a "?": a legal record must say what it says. A Shift_JIS export holding one is refused
 * before a byte is sent ({@link #unencodable}: a 406 problem naming the row and the column, never the value) and the
 * client asks for the UTF-8 default.
 */
public final class CsvCharsets {

    /** Microsoft code page 932: what Excel in Japan reads and writes as "Shift_JIS". */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    /** The query parameter that asks for a charset (as {@code format} overrides Accept). */
    public static final String QUERY_PARAMETER = "charset";
    static final Set<String> SHIFT_JIS_LABELS = Set.of("shift_jis", "shift-jis", "sjis", "windows-31j", "ms932",
            "cp932", "x-sjis", "csshiftjis", "ms_kanji");
    static final Set<String> UTF_8_LABELS = Set.of("utf-8", "utf8");
    /**
     * Charsets HTTP client libraries declare for any text body when the caller names none (REST Assured, older
     * browsers' forms): they say nothing about the file, so the bytes decide.
     */
    static final Set<String> CLIENT_DEFAULT_LABELS = Set.of("iso-8859-1", "iso_8859-1", "latin1", "us-ascii");
    static final String EXCEL_HINT = "Save the file in Excel with \"File > Save As > CSV UTF-8 (comma delimited) "
            + "(*.csv)\" (「CSV UTF-8（コンマ区切り）(*.csv)」), or as \"CSV (comma delimited)\", which Excel in Japan "
            + "writes in Shift_JIS";

    private CsvCharsets() {
    }

    /** An encoding a CSV file is written in. */
    public enum Encoding {
        /** UTF-8 with a byte-order mark (the default). */
        UTF_8("UTF-8", StandardCharsets.UTF_8),
        /** Shift_JIS as Excel writes it (windows-31j, no byte-order mark). */
        SHIFT_JIS("Shift_JIS", WINDOWS_31J);

        private final String label;
        private final Charset charset;

        Encoding(String label, Charset charset) {
            this.label = label;
            this.charset = charset;
        }

        public Charset charset() {
            return charset;
        }

        /** {@code text/csv; charset=UTF-8} or {@code text/csv; charset=Shift_JIS}. */
        public String contentType() {
            return "text/csv; charset=" + label;
        }

        /** A writer over the stream: for UTF-8 the byte-order mark is written first. */
        public Writer writer(OutputStream out) throws IOException {
            Writer writer = new OutputStreamWriter(out, charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            if (this == UTF_8) {
                writer.write('\uFEFF');
            }
            return writer;
        }

        /** The whole text as the file's bytes (the byte-order mark first for UTF-8). */
        public byte[] bytes(String text) {
            try {
                ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(this == UTF_8 ? "\uFEFF" + text : text));
                byte[] bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
                return bytes;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("text not encodable in " + label
                        + "; check the cells with CsvCharsets.firstUnencodable first", e);
            }
        }

        /** Whether every character of the text can be written. */
        public boolean canEncode(CharSequence text) {
            return this == UTF_8 || charset.newEncoder().canEncode(text);
        }
    }

    /**
     * The encoding a client asked for: the {@code charset} query parameter, else the {@code charset} parameter of a
     * {@code text/csv} media type it accepts, else UTF-8. An unknown name in the query is a 400 naming the parameter;
     * in Accept, a 406 listing what is available.
     */
    public static Encoding requested(String queryCharset, List<MediaType> accepted) {
        if (queryCharset != null) {
            return byLabel(queryCharset).orElseThrow(() -> new ProblemException(400, ProblemType.VALIDATION,
                    "Request is not valid", "1 parameter is not valid").withViolation(new Problem.Violation(
                    QUERY_PARAMETER, "query", "must be UTF-8 (the default) or Shift_JIS", null)));
        }
        for (MediaType type : accepted) {
            if ("text".equalsIgnoreCase(type.getType()) && "csv".equalsIgnoreCase(type.getSubtype())) {
                String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
                if (charset != null) {
                    return byLabel(charset).orElseThrow(() -> new ProblemException(406,
                            ProblemType.NOT_ACCEPTABLE, ProblemType.titleForStatus(406),
                            "CSV is available as text/csv; charset=UTF-8 (the default, with a byte-order mark) or "
                                    + "text/csv; charset=Shift_JIS"));
                }
            }
        }
        return Encoding.UTF_8;
    }

    static Optional<Encoding> byLabel(String label) {
        String name = label.strip().toLowerCase(Locale.ROOT);
        if (UTF_8_LABELS.contains(name)) {
            return Optional.of(Encoding.UTF_8);
        }
        return SHIFT_JIS_LABELS.contains(name) ? Optional.of(Encoding.SHIFT_JIS) : Optional.empty();
    }

    /** The index of the first cell the encoding cannot write, if any. */
    public static Optional<Integer> firstUnencodable(Encoding encoding, Object... cells) {
        if (encoding == Encoding.UTF_8) {
            return Optional.empty();
        }
        CharsetEncoder encoder = encoding.charset().newEncoder();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && !encoder.canEncode(cells[i].toString())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The 406 for a cell Shift_JIS cannot hold: row (the header being row 1) and column, never the value. */
    public static ProblemException unencodable(long row, String column) {
        return new ProblemException(406, ProblemType.of("csv-not-encodable"), "Not encodable in Shift_JIS",
                "Row " + row + ", column " + column + " holds a character Shift_JIS (windows-31j) cannot encode; "
                        + "nothing is replaced in a legal record, so ask for the CSV in UTF-8 (the default, which Excel "
                        + "opens thanks to its byte-order mark)").with("row", row).with("column", column);
    }

    /**
     * The charset of an uploaded CSV file: the one the client declared ({@code text/csv; charset=...}) or, when none
     * (or only a client library's default, ISO-8859-1 or US-ASCII), the one the bytes are in: UTF-8 (with or without a byte-order mark) when they decode as UTF-8, else
     * windows-31j when they decode as that. Both are checked strictly over the whole file, which is why it is read
     * twice (a spooled file, not a stream). The byte-order mark is skipped.
     *
     * @throws NotCsvText when the file is in neither (e.g. UTF-16, or Latin-1); its message tells how to save it
     */
    public static Encoding detect(java.nio.file.Path file, String declaredCharset) throws IOException {
        if (declaredCharset != null
                && !CLIENT_DEFAULT_LABELS.contains(declaredCharset.strip().toLowerCase(Locale.ROOT))) {
            Encoding declared = byLabel(declaredCharset).orElseThrow(() -> new NotCsvText("the declared charset "
                    + "is neither UTF-8 nor Shift_JIS. " + EXCEL_HINT));
            if (!decodes(file, declared.charset())) {
                throw new NotCsvText("the file is not valid " + (declared == Encoding.UTF_8 ? "UTF-8" : "Shift_JIS")
                        + " as its Content-Type declares. " + EXCEL_HINT);
            }
            return declared;
        }
        if (hasNul(file)) {
            throw new NotCsvText("the file is not UTF-8 or Shift_JIS text (it looks like UTF-16, \"Unicode text\"). "
                    + EXCEL_HINT);
        }
        if (decodes(file, StandardCharsets.UTF_8)) {
            return Encoding.UTF_8;
        }
        if (decodes(file, WINDOWS_31J)) {
            return Encoding.SHIFT_JIS;
        }
        throw new NotCsvText("the file is neither UTF-8 nor Shift_JIS. " + EXCEL_HINT);
    }

    /** A strict reader of the file in the encoding, past a UTF-8 byte-order mark if it has one. */
    public static Reader reader(InputStream in, Encoding encoding) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, decoder(encoding.charset())), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean decodes(java.nio.file.Path file, Charset charset) throws IOException {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(java.nio.file.Files.newInputStream(file), decoder(charset))) {
            while (reader.read(buffer) != -1) {
                // decoding is the check
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasNul(java.nio.file.Path file) throws IOException {
        byte[] buffer = new byte[8192];
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** An uploaded file in no charset Kiroku reads; the message says how to save it from Excel. */
    public static final class NotCsvText extends IOException {
        public NotCsvText(String message) {
            super(message);
        }
    }
}
