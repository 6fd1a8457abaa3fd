package dev.kiroku.breachreporting.affected;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * A person as a source names them (a CSV row, a provision record's subject): the identifying scheme and identifier,
 * and what is known to reach them. Personal data: never logged, stored only encrypted.
 *
 * @param scheme     the identifier's scheme, lower case (e.g. {@code customer-number}), as in provision-records
 * @param identifier the identifier within the scheme
 * @param name       the person's name, when known
 * @param email      the person's e-mail address, when known
 * @param language   the language of the person's notice, {@code ja} or {@code en}
 */
public record AffectedSubject(String scheme, String identifier, String name, String email, String language) {

    public static final String JAPANESE = "ja";
    public static final String ENGLISH = "en";

    public AffectedSubject {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(identifier, "identifier");
        language = language == null || language.isBlank() ? JAPANESE : language.strip().toLowerCase(Locale.ROOT);
        if (!JAPANESE.equals(language) && !ENGLISH.equals(language)) {
            throw new IllegalArgumentException("language must be ja or en");
        }
    }

    /**
     * What the de-duplication index is computed over: the scheme and the NFKC-normalised, trimmed identifier — the
     * same input as provision-records' subject index, so a person derived from records and the same person in a CSV
     * file are one.
     */
    public String indexInput() {
        return scheme + ":" + Normalizer.normalize(identifier.strip(), Normalizer.Form.NFKC);
    }
}
