package dev.kiroku.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

import java.util.List;
import java.util.Map;

/**
 * A keyset page as every list of the suite reads it (docs/api-conventions.md): the rows after a cursor in key order, at most
 * {@code limit}, optionally filtered by equality; an absent cursor or filter value adds no condition. Pairs with
 * {@code KeysetPages} (platform/web), which answers the page and its {@code rel="next"} link.
 * <pre>{@code
 * return KeysetQuery.ascending("id").equal("status", status).after(after).page(this, limit);
 * }</pre>
 */
public final class KeysetQuery {

    private final String key;
    private final boolean ascending;
    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();

    private KeysetQuery(String key, boolean ascending) {
        this.key = key;
        this.ascending = ascending;
    }

    /** Rows in ascending order of {@code key}; a cursor means "greater than". */
    public static KeysetQuery ascending(String key) {
        return new KeysetQuery(key, true);
    }

    /** Rows in descending order of {@code key}; a cursor means "less than". */
    public static KeysetQuery descending(String key) {
        return new KeysetQuery(key, false);
    }

    /** Only rows whose {@code field} equals {@code value}; no condition when {@code value} is {@code null}. */
    public KeysetQuery equal(String field, Object value) {
        if (value != null) {
            String name = "p" + parameters.map().size();
            where.append(" and ").append(field).append(" = :").append(name);
            parameters.and(name, value);
        }
        return this;
    }

    /**
     * Only rows whose {@code field} is null ({@code isNull} true) or set ({@code isNull} false); no condition when
     * {@code isNull} is {@code null}.
     */
    public KeysetQuery isNull(String field, Boolean isNull) {
        if (isNull != null) {
            where.append(" and ").append(field).append(isNull ? " is null" : " is not null");
        }
        return this;
    }

    /** Only rows past the cursor in key order; no condition when {@code cursor} is {@code null} (the first page). */
    public KeysetQuery after(Object cursor) {
        if (cursor != null) {
            where.append(" and ").append(key).append(ascending ? " > :after" : " < :after");
            parameters.and("after", cursor);
        }
        return this;
    }

    /** The HQL query (without {@code from}), as Panache's {@code find} takes it. */
    public String query() {
        return where + " order by " + key + (ascending ? "" : " desc");
    }

    /** The query's named parameters. */
    public Map<String, Object> parameters() {
        return parameters.map();
    }

    /** The page: at most {@code limit} rows from the repository. */
    public <E> List<E> page(PanacheRepositoryBase<E, ?> repository, int limit) {
        return repository.find(query(), parameters).page(0, limit).list();
    }
}
