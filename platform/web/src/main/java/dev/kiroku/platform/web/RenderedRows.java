package dev.kiroku.platform.web;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list answer rendered row by row: a row whose view cannot be built (a stored value the rules of today refuse, a
 * computation that fails for it) is left out and named by its id, so one row never fails the whole list. Logged with
 * the row's id and the failure's type only, never its message (it may quote the row's data). The page's cursor still
 * comes from the rows read ({@link KeysetPages#next} over {@link Rendered#rows}), so paging goes on past such a row.
 */
public final class RenderedRows {

    private static final Logger LOG = Logger.getLogger(RenderedRows.class);

    private RenderedRows() {
    }

    /**
     * A page as rendered.
     *
     * @param items      the views of the rows that could be rendered, in order
     * @param unrendered the ids of the rows that could not be, in order (empty as a rule)
     */
    public record Rendered<V>(List<V> items, List<String> unrendered) {
    }

    /** Renders each row on its own; {@code kind} names the rows in the log line ("incident", "joint-use group"). */
    public static <T, V> Rendered<V> render(String kind, List<T> rows, Function<T, ?> id, Function<T, V> view) {
        List<V> items = new ArrayList<>(rows.size());
        List<String> unrendered = new ArrayList<>();
        for (T row : rows) {
            try {
                items.add(view.apply(row));
            } catch (RuntimeException e) {
                String rowId = String.valueOf(id.apply(row));
                LOG.warnf("%s %s cannot be rendered (%s): the list answers without it, naming it in `unrendered`",
                        kind, rowId, e.getClass().getName());
                unrendered.add(rowId);
            }
        }
        return new Rendered<>(List.copyOf(items), List.copyOf(unrendered));
    }
}
