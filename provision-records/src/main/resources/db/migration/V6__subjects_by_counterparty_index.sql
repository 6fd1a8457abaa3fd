-- Issue 18 item 3: breach-reporting derives an incident's affected persons by paging through the distinct subjects of
-- one counterparty's records (GET /api/v1/provision-subjects, keyset on subject_index). Measured at 10,000,000 records
-- with the index on the counterparty alone: a page walked the whole table in subject order (12 s) and the count read
-- every record of the counterparty from the heap (43 s), so a derivation of 100,000 subjects took hours.
-- Keyed on (counterparty, subject), a page reads the counterparty's entries in cursor order and stops at its limit;
-- the columns the subject filter reads are in the index (INCLUDE), so pages and the count are index-only scans (on
-- all-visible pages: autovacuum marks an insert-only table's pages), and the heap is read only for the page's own
-- rows. It replaces the counterparty index (its leading column still serves every search by counterparty). A search
-- by corporate number alone had no index at all (a sequential scan per page): it gets the same shape, on the rows
-- that have one.
DROP INDEX provision_record_counterparty;
CREATE INDEX provision_record_counterparty_subject ON provision_record (counterparty_key, subject_index)
    INCLUDE (id, purged_at, provided_on, period_first, period_last, recorded_at, data_items, counterparty_corporate_no);
CREATE INDEX provision_record_corporate_no_subject ON provision_record (counterparty_corporate_no, subject_index)
    INCLUDE (id, purged_at, provided_on, period_first, period_last, recorded_at, data_items, counterparty_key)
    WHERE counterparty_corporate_no IS NOT NULL;
