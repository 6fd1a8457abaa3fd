package dev.kiroku.provisionrecords.provision.repository;

import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Counterparty;
import dev.kiroku.provisionrecords.provision.CounterpartyKind;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.ForeignTransfer;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.MatchedSubject;
import dev.kiroku.provisionrecords.provision.Order11Ground;
import dev.kiroku.provisionrecords.provision.Period;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.Subject;
import dev.kiroku.provisionrecords.provision.SubjectCriteria;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Provision records in PostgreSQL through plain JDBC: rows are immutable facts written in batches (the ingest hot
 * path) and read by index; there is no entity state to manage. Subjects are sealed and opened here, through the
 * {@link SubjectVault}; the rest of the service sees plain {@link ProvisionRecord}s.
 */
@ApplicationScoped
public class ProvisionRecordRepository {

    private static final String COLUMNS = "id, lineage_id, version_no, corrects_id, correction_reason, direction, legal_basis, "
            + "statutory, method, contract_ref, goods_or_services, counterparty_kind, counterparty_name, "
            + "counterparty_key, counterparty_address, counterparty_representative, counterparty_country, "
            + "counterparty_corporate_no, art28_route, subject_scheme, subject_index, subject_identifier_enc, "
            + "subject_name_enc, subject_salt, subject_commitment, data_items, other_items, provided_on, period_first, "
            + "period_last, consent_ref, acquisition_circumstances, ppc_publication_ref, order11_ground, client_id, "
            + "idempotency_key, request_sha256, recorded_at, recorded_by, retain_until, retention_rule, "
            + "legal_retain_until, content_sha256, audit_entry_id, purged_at, art28_measures_ref";
    /** A version nobody has corrected. */
    private static final String CURRENT = "NOT EXISTS (SELECT 1 FROM provision_record n WHERE n.corrects_id = r.id)";
    /** The first day a record covers: its date, its period's first day, else the (Tokyo) day it was recorded. */
    private static final String FIRST_DAY = "coalesce(r.provided_on, r.period_first, (r.recorded_at AT TIME ZONE 'Asia/Tokyo')::date)";
    /** The last day a record covers; an open period has none (infinity). */
    private static final String LAST_DAY = "coalesce(r.provided_on, CASE WHEN r.period_first IS NOT NULL THEN "
            + "coalesce(r.period_last, 'infinity'::date) END, (r.recorded_at AT TIME ZONE 'Asia/Tokyo')::date)";

    private final AgroalDataSource dataSource;
    private final SubjectVault vault;

    public ProvisionRecordRepository(AgroalDataSource dataSource, SubjectVault vault) {
        this.dataSource = dataSource;
        this.vault = vault;
    }

    /** A record to insert with the salt of its subject commitment. */
    public record NewRecord(ProvisionRecord record, String subjectSalt, String subjectIndex) {
    }

    /**
     * Inserts the records with one {@code COPY ... FROM STDIN} in the caller's transaction: the ingest hot path. COPY
     * moves rows at a fraction of the CPU a multi-row INSERT costs the driver and the server; constraints, indexes and
     * triggers apply exactly as for INSERT (a duplicate key fails the whole COPY, like a batch).
     */
    public void insert(List<NewRecord> records) {
        // the rows (with their encryption) are built and encoded on every core, then sent in their order
        List<byte[]> rows = records.parallelStream().map(n -> row(n.record(), n.subjectSalt(), n.subjectIndex()))
                .toList();
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY provision_record (" + COLUMNS + ") FROM STDIN");
            try {
                for (byte[] row : rows) {
                    copy.writeToCopy(row, 0, row.length);
                }
                copy.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException cancel) {
                        e.addSuppressed(cancel); // the write's failure stays the cause
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes. */
    private byte[] row(ProvisionRecord r, String salt, String subjectIndex) {
        ProvisionEvent e = r.event();
        Counterparty cp = e.counterparty();
        Subject subject = e.subject();
        CopyRow row = new CopyRow(2048);
        row.add(r.id()).add(r.lineageId()).add(r.versionNo()).add(r.correctsId()).add(r.correctionReason())
                .add(e.direction().name()).add(e.legalBasis().name()).add(r.statutory()).add(e.method().name())
                .add(e.contractRef()).add(e.goodsOrServices()).add(cp.kind().name()).add(cp.name()).add(cp.key())
                .add(cp.address()).add(cp.representative()).add(cp.country()).add(cp.corporateNumber())
                .add(e.foreignTransfer() == null ? null : e.foreignTransfer().route().name())
                .add(subject.scheme()).add(subjectIndex)
                .add(vault.seal(subject.identifier(), r.id())).add(vault.seal(subject.name(), r.id()))
                .add(salt).add(r.subjectCommitment())
                .add(e.dataItems().stream().map(Enum::name).toList()).add(e.otherItems())
                .add(e.providedOn()).add(e.period() == null ? null : e.period().first())
                .add(e.period() == null ? null : e.period().last()).add(e.consentRef())
                .add(e.acquisitionCircumstances()).add(e.ppcPublicationRef())
                .add(e.order11Ground() == null ? null : e.order11Ground().name()).add(r.clientId())
                .add(e.clientEventId()).add(r.requestSha256()).add(r.recordedAt()).add(r.recordedBy())
                .add(r.retention().retainUntil()).add(r.retention().rule()).add(r.retention().legalRetainUntil())
                .add(r.contentSha256()).add(r.auditEntryId()).add(r.purgedAt())
                .add(e.foreignTransfer() == null ? null : e.foreignTransfer().measuresRef());
        return row.end();
    }

    public Optional<ProvisionRecord> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM provision_record r WHERE id = ?", List.of(id)).stream().findFirst();
    }

    public List<ProvisionRecord> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query("SELECT " + COLUMNS + " FROM provision_record r WHERE id = ANY (?::uuid[]) ORDER BY id",
                List.of((Object) ids.stream().map(UUID::toString).toArray(String[]::new)));
    }

    /** The records this client created with these idempotency keys, by key. */
    public Map<String, ProvisionRecord> findByKeys(String clientId, Collection<String> keys) {
        Map<String, ProvisionRecord> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (ProvisionRecord r : query("SELECT " + COLUMNS + " FROM provision_record r WHERE client_id = ? "
                + "AND idempotency_key = ANY (?)", List.of(clientId, keys.toArray(String[]::new)))) {
            found.put(r.event().clientEventId(), r);
        }
        return found;
    }

    /** Every version of a record, oldest first. */
    public List<ProvisionRecord> lineage(UUID lineageId) {
        return query("SELECT " + COLUMNS + " FROM provision_record r WHERE lineage_id = ? ORDER BY version_no",
                List.of(lineageId));
    }

    public boolean isCurrent(UUID id) {
        return query("SELECT " + COLUMNS + " FROM provision_record r WHERE corrects_id = ?", List.of(id)).isEmpty();
    }

    /** Current versions matching the criteria, in id (= time) order after the cursor. */
    public List<ProvisionRecord> search(SearchCriteria criteria, UUID after, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM provision_record r WHERE ")
                .append(where(criteria, parameters));
        if (after != null) {
            sql.append(" AND r.id > ?");
            parameters.add(after);
        }
        sql.append(" ORDER BY r.id LIMIT ?");
        parameters.add(limit);
        return query(sql.toString(), parameters);
    }

    public long count(SearchCriteria criteria) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT count(*) FROM provision_record r WHERE " + where(criteria, parameters);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindAll(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /**
     * The distinct subjects of current, non-purged records matching the criteria, one row per subject (its name from
     * its latest matching record), in blind-index order after the cursor: a keyset page that never repeats a subject.
     */
    public List<MatchedSubject> subjects(SubjectCriteria criteria, String after, int limit) {
        List<Object> parameters = new ArrayList<>();
        // the page's (subject, latest record) pairs from the (counterparty, subject) index alone, then those rows
        StringBuilder sql = new StringBuilder("SELECT r.subject_index, r.id, r.subject_scheme, "
                + "r.subject_identifier_enc, r.subject_name_enc FROM (SELECT DISTINCT ON (r.subject_index) "
                + "r.subject_index, r.id FROM provision_record r WHERE ").append(where(criteria, parameters));
        if (after != null) {
            sql.append(" AND r.subject_index > ?");
            parameters.add(after);
        }
        sql.append(" ORDER BY r.subject_index, r.id DESC LIMIT ?) p JOIN provision_record r ON r.id = p.id "
                + "ORDER BY r.subject_index");
        parameters.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bindAll(c, s, parameters);
            List<MatchedSubject> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    byte[] name = rs.getBytes("subject_name_enc");
                    rows.add(new MatchedSubject(rs.getString("subject_index"), new Subject(rs.getString("subject_scheme"),
                            vault.open(rs.getBytes("subject_identifier_enc"), id),
                            name == null ? null : vault.open(name, id))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** How many distinct subjects the criteria match. */
    public long countSubjects(SubjectCriteria criteria) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT count(DISTINCT r.subject_index) FROM provision_record r WHERE "
                + where(criteria, parameters);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindAll(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /**
     * The statutory records about a subject that a disclosure may reveal: current versions, not purged, not withheld
     * under Order Art. 11, overlapping the date range (either end may be open).
     */
    public List<ProvisionRecord> disclosable(String subjectIndex, LocalDate from, LocalDate to) {
        return query("SELECT " + COLUMNS + " FROM provision_record r WHERE subject_index = ? AND statutory "
                + "AND order11_ground IS NULL AND purged_at IS NULL AND " + CURRENT
                + " AND (?::date IS NULL OR " + LAST_DAY + " >= ?::date)"
                + " AND (?::date IS NULL OR " + FIRST_DAY + " <= ?::date)"
                + " ORDER BY " + FIRST_DAY + ", id",
                Arrays.asList(subjectIndex, from, from, to, to));
    }

    /** Streams current versions matching the criteria (server-side cursor), in id order. */
    public void stream(SearchCriteria criteria, Consumer<ProvisionRecord> sink) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM provision_record r WHERE " + where(criteria, parameters)
                + " ORDER BY r.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(500);
            bindAll(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** A row as a batch's audit entry commits to it: its id and content hash. */
    public record EntryRow(UUID id, String contentSha256) {
    }

    /**
     * The rows one audit entry recorded, in id order (the order of its entry's Merkle tree and of the record
     * verification): the receipt of a record of a batch is built from them.
     */
    public List<EntryRow> rowsOfEntry(UUID auditEntryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, content_sha256 FROM provision_record WHERE audit_entry_id = ? ORDER BY id")) {
            s.setObject(1, auditEntryId);
            List<EntryRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new EntryRow(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** Streams every version (purged ones included) in audit-chain order: the input of the record verification. */
    public void streamInChainOrder(java.util.function.BiConsumer<ProvisionRecord, String> sink) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + ", subject_salt FROM provision_record r ORDER BY audit_entry_id, id")) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs), rs.getString("subject_salt"));
                }
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /**
     * A version whose personal data is gone, or that is marked purged, as the record verification's purge checks read
     * it: never the data itself, only whether each part of it is still stored.
     *
     * @param keptUntil          the {@code retain_until} of its record's current version (what a purge must obey)
     * @param indexStored        the subject's blind index is still stored
     * @param identifierStored   the subject identifier's ciphertext is still stored
     * @param nameStored         the subject name's ciphertext is still stored
     * @param saltStored         the salt of the subject's commitment is still stored
     * @param fingerprintStored  the request fingerprint (a plain hash over the subject) is still stored
     */
    public record ErasureState(UUID id, UUID auditEntryId, OffsetDateTime purgedAt, LocalDate retainUntil,
                               LocalDate keptUntil, boolean indexStored, boolean identifierStored,
                               boolean nameStored, boolean saltStored, boolean fingerprintStored) {
    }

    /**
     * Streams, in id order, every version that is marked purged or lacks any of its subject's blind index, identifier
     * ciphertext or commitment salt (every version is written with all three). A purged version's request
     * fingerprint is {@link IdempotencyStore#FORGOTTEN} (the database's purge guard writes it).
     */
    public void streamErased(Consumer<ErasureState> sink) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT r.id, r.audit_entry_id, r.purged_at, r.retain_until, (SELECT k.retain_until FROM "
                        + "provision_record k WHERE k.lineage_id = r.lineage_id AND NOT EXISTS (SELECT 1 FROM "
                        + "provision_record n WHERE n.corrects_id = k.id)), r.subject_index IS NOT NULL, "
                        + "r.subject_identifier_enc IS NOT NULL, r.subject_name_enc IS NOT NULL, "
                        + "r.subject_salt IS NOT NULL, r.request_sha256 <> ? FROM provision_record r "
                        + "WHERE r.purged_at IS NOT NULL OR r.subject_index IS NULL OR r.subject_identifier_enc IS NULL "
                        + "OR r.subject_salt IS NULL ORDER BY r.id")) {
            s.setString(1, IdempotencyStore.FORGOTTEN);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime purgedAt = rs.getObject(3, OffsetDateTime.class);
                    sink.accept(new ErasureState(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            purgedAt == null ? null : purgedAt.withOffsetSameInstant(ZoneOffset.UTC),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getBoolean(6),
                            rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10)));
                }
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /**
     * The first purged version (in id order) whose create or correction request's fingerprint the suite's
     * {@code Idempotency-Key} table still holds under these operations; empty when none does.
     */
    public Optional<UUID> firstPurgedWithStoredKeyFingerprint(String operationPrefix) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT r.id FROM idempotency_key k JOIN provision_record r ON k.resource_id = r.id::text "
                        + "WHERE r.purged_at IS NOT NULL AND k.operation LIKE ? AND k.request_sha256 <> ? "
                        + "ORDER BY r.id LIMIT 1")) {
            s.setString(1, operationPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            s.setString(2, IdempotencyStore.FORGOTTEN);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /**
     * A version the purge removed personal data from, with what its retention was computed from.
     *
     * @param lastProvisionDay the last day it covers ({@code null} for an open period)
     * @param createdOn        the day its record was made (its first version's, Asia/Tokyo)
     * @param keptUntil        the {@code retain_until} of its record's current version, which the purge obeyed
     */
    public record PurgedRow(UUID id, UUID lineageId, RecordMethod method, boolean statutory,
                            LocalDate lastProvisionDay, LocalDate createdOn, LocalDate legalRetainUntil,
                            LocalDate retainUntil, LocalDate keptUntil, String retentionRule,
                            OffsetDateTime purgedAt) {
    }

    /**
     * Removes the personal data of every version of each record whose current version's retention ended before
     * {@code asOf}, keeping the tombstone; answers the versions purged, in id order. Records already purged are left
     * alone, so a second run purges nothing. The database's guard also replaces the stored request fingerprint
     * ({@code request_sha256}, a plain hash of the request with its subject) on the same UPDATE.
     */
    public List<PurgedRow> purgeExpired(LocalDate asOf, OffsetDateTime now) {
        String sql = "UPDATE provision_record p SET subject_index = NULL, subject_identifier_enc = NULL, "
                + "subject_name_enc = NULL, subject_salt = NULL, purged_at = ? "
                + "WHERE p.purged_at IS NULL AND p.lineage_id IN (SELECT r.lineage_id FROM provision_record r "
                + "WHERE r.retain_until < ? AND " + CURRENT + ") "
                + "RETURNING p.id, p.lineage_id, p.method, p.statutory, coalesce(p.provided_on, p.period_last), "
                + "(SELECT (o.recorded_at AT TIME ZONE 'Asia/Tokyo')::date FROM provision_record o "
                + "WHERE o.lineage_id = p.lineage_id AND o.version_no = 1), p.legal_retain_until, p.retain_until, "
                + "(SELECT r.retain_until FROM provision_record r WHERE r.lineage_id = p.lineage_id AND " + CURRENT
                + "), p.retention_rule, p.purged_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, now);
            s.setObject(2, asOf);
            List<PurgedRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PurgedRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            RecordMethod.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getObject(5, LocalDate.class),
                            rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                            rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)));
                }
            }
            rows.sort(java.util.Comparator.comparing(PurgedRow::id));
            return rows;
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    private List<ProvisionRecord> query(String sql, List<Object> parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindAll(c, s, parameters);
            List<ProvisionRecord> records = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** The SQL condition (alias {@code r}), adding its parameters in order. */
    private String where(SearchCriteria criteria, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(CURRENT);
        if (!criteria.includePurged()) {
            sql.append(" AND r.purged_at IS NULL");
        }
        if (criteria.direction() != null) {
            sql.append(" AND r.direction = ?");
            parameters.add(criteria.direction().name());
        }
        if (criteria.basis() != null) {
            sql.append(" AND r.legal_basis = ?");
            parameters.add(criteria.basis().name());
        }
        if (criteria.counterparty() != null) {
            sql.append(" AND r.counterparty_key = ?");
            parameters.add(Counterparty.key(criteria.counterparty()));
        }
        if (criteria.subjectIdentifier() != null) {
            sql.append(" AND r.subject_index = ?");
            parameters.add(vault.index(criteria.subjectScheme(), criteria.subjectIdentifier()));
        }
        if (criteria.from() != null) {
            sql.append(" AND ").append(LAST_DAY).append(" >= ?");
            parameters.add(criteria.from());
        }
        if (criteria.to() != null) {
            sql.append(" AND ").append(FIRST_DAY).append(" <= ?");
            parameters.add(criteria.to());
        }
        if (criteria.item() != null) {
            sql.append(" AND ? = ANY (r.data_items)");
            parameters.add(criteria.item().name());
        }
        return sql.toString();
    }

    /** The SQL condition (alias {@code r}), adding its parameters in order. */
    private static String where(SubjectCriteria criteria, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(CURRENT)
                .append(" AND r.purged_at IS NULL AND r.subject_index IS NOT NULL");
        if (criteria.counterpartyCorporateNumber() != null) {
            sql.append(" AND r.counterparty_corporate_no = ?");
            parameters.add(criteria.counterpartyCorporateNumber());
        }
        if (criteria.counterpartyName() != null) {
            sql.append(" AND r.counterparty_key = ?");
            parameters.add(Counterparty.key(criteria.counterpartyName()));
        }
        if (!criteria.items().isEmpty()) {
            sql.append(" AND r.data_items && ?");
            parameters.add(criteria.items().stream().map(Enum::name).sorted().toArray(String[]::new));
        }
        if (criteria.from() != null) {
            sql.append(" AND ").append(LAST_DAY).append(" >= ?");
            parameters.add(criteria.from());
        }
        if (criteria.to() != null) {
            sql.append(" AND ").append(FIRST_DAY).append(" <= ?");
            parameters.add(criteria.to());
        }
        return sql.toString();
    }

    private static void bindAll(Connection c, PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p instanceof String[] strings) {
                s.setArray(i + 1, c.createArrayOf("text", strings));
            } else if (p == null) {
                s.setNull(i + 1, Types.DATE);
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private ProvisionRecord read(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] identifier = rs.getBytes("subject_identifier_enc");
        Subject subject = identifier == null ? null : new Subject(rs.getString("subject_scheme"),
                vault.open(identifier, id), vault.open(rs.getBytes("subject_name_enc"), id));
        LocalDate first = rs.getObject("period_first", LocalDate.class);
        String route = rs.getString("art28_route");
        String order11 = rs.getString("order11_ground");
        ProvisionEvent event = new ProvisionEvent(
                rs.getString("idempotency_key"),
                Direction.valueOf(rs.getString("direction")),
                LegalBasis.valueOf(rs.getString("legal_basis")),
                RecordMethod.valueOf(rs.getString("method")),
                rs.getString("contract_ref"),
                rs.getBoolean("goods_or_services"),
                new Counterparty(CounterpartyKind.valueOf(rs.getString("counterparty_kind")),
                        rs.getString("counterparty_name"), rs.getString("counterparty_address"),
                        rs.getString("counterparty_representative"), rs.getString("counterparty_country"),
                        rs.getString("counterparty_corporate_no")),
                subject,
                Arrays.stream(strings(rs.getArray("data_items"))).map(DataItem::valueOf).toList(),
                List.of(strings(rs.getArray("other_items"))),
                rs.getObject("provided_on", LocalDate.class),
                first == null ? null : new Period(first, rs.getObject("period_last", LocalDate.class)),
                rs.getString("consent_ref"),
                rs.getString("acquisition_circumstances"),
                rs.getString("ppc_publication_ref"),
                route == null ? null : new ForeignTransfer(Art28Route.valueOf(route), rs.getString("art28_measures_ref")),
                order11 == null ? null : Order11Ground.valueOf(order11),
                null);
        OffsetDateTime purgedAt = rs.getObject("purged_at", OffsetDateTime.class);
        return new ProvisionRecord(id, rs.getObject("lineage_id", UUID.class), rs.getInt("version_no"),
                rs.getObject("corrects_id", UUID.class), rs.getString("correction_reason"),
                rs.getBoolean("statutory"), event, rs.getString("client_id"), rs.getString("request_sha256"),
                rs.getObject("recorded_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString("recorded_by"),
                new ProvisionRecord.Retention(rs.getObject("retain_until", LocalDate.class),
                        rs.getObject("legal_retain_until", LocalDate.class), rs.getString("retention_rule")),
                rs.getString("subject_commitment"), rs.getString("content_sha256"), rs.getObject("audit_entry_id", UUID.class),
                purgedAt == null ? null : purgedAt.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
