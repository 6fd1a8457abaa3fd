package dev.kiroku.breachreporting.affected;

import dev.kiroku.platform.web.CsvCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CSV file of affected persons: UTF-8 (an optional byte-order mark is skipped) or Shift_JIS (windows-31j, what
 * Excel in Japan saves as "CSV"), declared in the Content-Type's charset or recognised from the bytes; RFC 4180 quoting, a header row
 * naming the columns in any order — {@code scheme} and {@code identifier} required, {@code name}, {@code email} and
 * {@code language} optional, nothing else — and one person per row. Each row is checked on its own; a rejection names
 * row, column and rule, never the value (an unknown header cell is named by its position: in a file without a header
 * row it is a person's data).
 */
public final class PersonCsv {

    public static final String SCHEME = "scheme";
    public static final String IDENTIFIER = "identifier";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String LANGUAGE = "language";
    public static final List<String> COLUMNS = List.of(SCHEME, IDENTIFIER, NAME, EMAIL, LANGUAGE);
    public static final List<String> REQUIRED = List.of(SCHEME, IDENTIFIER);

    /** As provision-records' Subject: a lower-case scheme name. */
    static final Pattern SCHEME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final int SCHEME_MAX = 64;
    static final int IDENTIFIER_MAX = 200;
    static final int NAME_MAX = 200;
    static final int EMAIL_MAX = 254;
    /** An addr-spec without comments or quoted local parts: one @, a dotted domain, no spaces or angle brackets. */
    static final Pattern EMAIL_PATTERN = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    /** RFC 4180 with the header read from the first record; blank lines skipped. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
            .get();

    private PersonCsv() {
    }

    /**
     * A strict reader over the file in its encoding (UTF-8 or Shift_JIS as {@link CsvCharsets#detect} found it), past
     * a byte-order mark if it has one; a malformed byte sequence is an error.
     */
    public static Reader reader(InputStream in, CsvCharsets.Encoding encoding) throws IOException {
        return CsvCharsets.reader(in, encoding);
    }

    /** The columns of a valid header, by name (lower case). */
    public record Header(Map<String, Integer> columns) {

        String value(CSVRecord row, String column) {
            Integer i = columns.get(column);
            if (i == null || i >= row.size()) {
                return null;
            }
            String v = row.get(i).strip();
            return v.isEmpty() ? null : v;
        }
    }

    /**
     * Checks the header row: every name known, none twice, the required ones present. Answers the problems (as
     * rejections of row 1), or the header.
     */
    public static Header header(List<String> names, List<Rejection> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i) == null ? "" : names.get(i).strip();
            String name = raw.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add(new Rejection(1, "column " + (i + 1), "has no name; the columns are " + COLUMNS));
            } else if (!COLUMNS.contains(name)) {
                // named by its position, never by its text: a file without a header row has a person's data here
                problems.add(new Rejection(1, "column " + (i + 1), "is not a known column name; the columns are "
                        + COLUMNS));
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(new Rejection(1, name, "appears more than once"));
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(new Rejection(1, required, "is required in the header"));
            }
        }
        return new Header(Map.copyOf(columns));
    }

    /** Checks one data row; {@code row} is its number in the file (the header being row 1). */
    public static Candidate check(long row, CSVRecord record, Header header) {
        List<Rejection> problems = new ArrayList<>();
        if (record.size() != header.columns().size() && !(record.size() > header.columns().size()
                && trailingEmpty(record, header.columns().size()))) {
            problems.add(new Rejection(row, "*", "has " + record.size() + " fields where the header has "
                    + header.columns().size()));
            return new Candidate(row, null, problems);
        }
        String scheme = header.value(record, SCHEME);
        String identifier = header.value(record, IDENTIFIER);
        String name = header.value(record, NAME);
        String email = header.value(record, EMAIL);
        String language = header.value(record, LANGUAGE);
        if (scheme == null) {
            problems.add(new Rejection(row, SCHEME, "is required"));
        } else if (scheme.length() > SCHEME_MAX || !SCHEME_PATTERN.matcher(scheme).matches()) {
            problems.add(new Rejection(row, SCHEME, "must be a lower-case scheme name (a-z, 0-9, '.', '_', '-'; at "
                    + "most " + SCHEME_MAX + " characters), as in provision-records"));
        }
        if (identifier == null) {
            problems.add(new Rejection(row, IDENTIFIER, "is required"));
        } else if (identifier.length() > IDENTIFIER_MAX) {
            problems.add(new Rejection(row, IDENTIFIER, "must be at most " + IDENTIFIER_MAX + " characters"));
        }
        if (name != null && name.length() > NAME_MAX) {
            problems.add(new Rejection(row, NAME, "must be at most " + NAME_MAX + " characters"));
        }
        if (email != null && (email.length() > EMAIL_MAX || !EMAIL_PATTERN.matcher(email).matches())) {
            problems.add(new Rejection(row, EMAIL, "is not an e-mail address"));
        }
        if (language != null && !AffectedSubject.JAPANESE.equalsIgnoreCase(language)
                && !AffectedSubject.ENGLISH.equalsIgnoreCase(language)) {
            problems.add(new Rejection(row, LANGUAGE, "must be ja or en"));
        }
        if (!problems.isEmpty()) {
            return new Candidate(row, null, problems);
        }
        return Candidate.of(row, new AffectedSubject(scheme, identifier, name, email, language));
    }

    private static boolean trailingEmpty(CSVRecord record, int from) {
        for (int i = from; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }
}
