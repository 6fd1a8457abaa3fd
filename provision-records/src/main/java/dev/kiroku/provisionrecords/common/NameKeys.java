package dev.kiroku.provisionrecords.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The normalised name that matches counterparties and stop recipients (NFKC, case- and space-insensitive). */
public final class NameKeys {

    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private NameKeys() {
    }

    public static String key(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String key = KEYS.get(name);
        if (key == null) {
            key = Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (KEYS.size() >= 10_000) {
                KEYS.clear(); // a bounded memo: the same few counterparties recur in every batch
            }
            KEYS.put(name, key);
        }
        return key;
    }
}
