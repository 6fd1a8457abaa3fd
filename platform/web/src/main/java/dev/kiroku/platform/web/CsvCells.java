package dev.kiroku.platform.web;

import java.util.Arrays;

/**
 * Cells of an exported CSV file, neutralised against formula injection (OWASP "CSV Injection"): a spreadsheet reads a
 * cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return as a formula, so such a
 * cell is written with a leading {@code '} and shown as the text it is. Every CSV export passes its cells through
 * here (a CSV printer quotes, it does not neutralise); imports read values as sent.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The cell as it is safe to export: null stays an empty cell, a value a spreadsheet would evaluate is quoted. */
    public static Object neutralised(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return isFormula(text) ? "'" + text : value;
    }

    /** Every cell of a row, neutralised. */
    public static Object[] row(Object... values) {
        return Arrays.stream(values).map(CsvCells::neutralised).toArray();
    }

    /** Whether a spreadsheet would read the text as a formula. */
    public static boolean isFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
