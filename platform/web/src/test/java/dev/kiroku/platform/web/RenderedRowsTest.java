package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedRowsTest {

    record Row(int id, String value) {
    }

    @Test
    void aRowThatCannotBeRenderedIsLeftOutAndNamedAndTheOthersAreAnswered() {
        List<Row> rows = List.of(new Row(1, "a"), new Row(2, null), new Row(3, "c"));
        RenderedRows.Rendered<String> page = RenderedRows.render("row", rows, Row::id, r -> r.value().toUpperCase());
        assertThat(page.items()).containsExactly("A", "C");
        assertThat(page.unrendered()).containsExactly("2");
        // the cursor comes from the rows read, so a full page still has a next one
        assertThat(KeysetPages.next(rows, 3, Row::id)).isEqualTo("3");
    }

    @Test
    void aListOfRenderableRowsIsAnsweredWhole() {
        RenderedRows.Rendered<Integer> page = RenderedRows.render("row", List.of(new Row(1, "a")), Row::id, Row::id);
        assertThat(page.items()).containsExactly(1);
        assertThat(page.unrendered()).isEmpty();
    }
}
