-- Issue 18 item 3: a page of GET /api/v1/provision-subjects (breach-reporting's affected-person derivation) read each
-- of its subjects' latest record twice more after the index-only scan of V6: the primary key, then the heap row, for
-- the sealed identifier and name. At 10,000,000 records that is two random reads per subject, 1,000 per page of 500,
-- scattered over an 11 GB table: 6 ms a page with every page in memory, 20 s for the paging of 113,000 subjects after
-- PostgreSQL restarted. The (counterparty, subject) indexes now also carry the subject's scheme and sealed identifier
-- and name, so a page is read from the index alone (about 115 bytes more per entry: 3.1 -> about 4.2 GB at ten million
-- records). Built before the old ones are dropped; writes wait for the build, as for V6 (docs/scaling.md).
-- a larger sort memory for the two builds only (this transaction), so that ten million entries sort in fewer runs
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX provision_record_counterparty_subject_v8 ON provision_record (counterparty_key, subject_index)
    INCLUDE (id, purged_at, provided_on, period_first, period_last, recorded_at, data_items, counterparty_corporate_no,
             subject_scheme, subject_identifier_enc, subject_name_enc);
CREATE INDEX provision_record_corporate_no_subject_v8 ON provision_record (counterparty_corporate_no, subject_index)
    INCLUDE (id, purged_at, provided_on, period_first, period_last, recorded_at, data_items, counterparty_key,
             subject_scheme, subject_identifier_enc, subject_name_enc)
    WHERE counterparty_corporate_no IS NOT NULL;
DROP INDEX provision_record_counterparty_subject;
DROP INDEX provision_record_corporate_no_subject;
ALTER INDEX provision_record_counterparty_subject_v8 RENAME TO provision_record_counterparty_subject;
ALTER INDEX provision_record_corporate_no_subject_v8 RENAME TO provision_record_corporate_no_subject;
