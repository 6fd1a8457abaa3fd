package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void aCellASpreadsheetWouldEvaluateIsPrefixedWithAQuote() {
        assertThat(CsvCells.neutralised("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvCells.row("+1", "-1+2", "@SUM(A1)", "\tx", "\rx"))
                .containsExactly("'+1", "'-1+2", "'@SUM(A1)", "'\tx", "'\rx");
    }

    @Test
    void otherCellsAndEmptyOnesAreLeftAsTheyAre() {
        assertThat(CsvCells.row("株式会社サンプル商事", "a=b", "", null, 3, " =x"))
                .containsExactly("株式会社サンプル商事", "a=b", "", null, 3, " =x");
    }
}
