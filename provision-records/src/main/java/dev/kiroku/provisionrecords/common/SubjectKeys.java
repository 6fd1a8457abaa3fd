package dev.kiroku.provisionrecords.common;

import java.text.Normalizer;

/** What a subject's blind index is computed over: the scheme and the NFKC-normalised, trimmed identifier. */
public final class SubjectKeys {

    private SubjectKeys() {
    }

    public static String indexInput(String scheme, String identifier) {
        String stripped = identifier.strip();
        return scheme + ":" + (ascii(stripped) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFKC));
    }

    /** NFKC leaves printable ASCII as it is: most identifiers skip the normaliser. */
    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
