package dev.kiroku.breachreporting.affected;

/**
 * Why a row of a CSV file was not taken: where (row and column) and what is wrong — never the value itself, which may
 * be personal data.
 *
 * @param row     the row's number in the file, the header being row 1
 * @param column  the column (e.g. {@code email}), or {@code *} for the row as a whole
 * @param message what is wrong
 */
public record Rejection(long row, String column, String message) {
}
