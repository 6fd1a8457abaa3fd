package dev.kiroku.provisionrecords.disclosure;

import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A subject's request for disclosure of the provision records about them (APPI Art. 33(5)), and how it was answered:
 * who asked and how, when, the method chosen, the outcome, a refusal ground, the records disclosed and the time taken.
 * Answered when it is recorded; immutable after.
 */
@Entity
@Table(name = "disclosure_request")
public class DisclosureRequest {

    @Id
    private UUID id;
    @Column(name = "subject_scheme")
    private String subjectScheme;
    @Column(name = "subject_index")
    private String subjectIndex;
    @Column(name = "subject_identifier_enc")
    private byte[] subjectIdentifierEnc;
    @Column(name = "range_from")
    private LocalDate rangeFrom;
    @Column(name = "range_to")
    private LocalDate rangeTo;
    @Enumerated(EnumType.STRING)
    private DisclosureMethod method;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "received_via")
    private String receivedVia;
    @Column(name = "requested_by_agent")
    private boolean requestedByAgent;
    @Enumerated(EnumType.STRING)
    private DisclosureOutcome outcome;
    @Enumerated(EnumType.STRING)
    @Column(name = "refusal_ground")
    private RefusalGround refusalGround;
    @Column(name = "refusal_detail")
    private String refusalDetail;
    @Column(name = "answered_at")
    private Instant answeredAt;
    @Column(name = "answered_by")
    private String answeredBy;
    @Column(name = "record_count")
    private int recordCount;
    @Column(name = "client_id")
    private String clientId;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "disclosure_request_record", joinColumns = @JoinColumn(name = "request_id"))
    @Column(name = "record_id")
    private Set<UUID> recordIds = new TreeSet<>();

    protected DisclosureRequest() {
    }

    /** What was asked. */
    public record Ask(String subjectScheme, String subjectIndex, byte[] sealedIdentifier, LocalDate from, LocalDate to, DisclosureMethod method,
                      Instant receivedAt, String receivedVia, boolean requestedByAgent) {
    }

    /**
     * Answers a request: refused on a ground, or disclosing the records found (none → "no records"). The records are
     * the statutory, current, not-withheld ones; the caller finds them.
     */
    public static DisclosureRequest answer(UUID id, Ask ask, List<ProvisionRecord> records, RefusalGround refusal,
            String refusalDetail, String actor, Instant now, String clientId) {
        if (ask.receivedAt().isAfter(now)) {
            throw new IllegalArgumentException("receivedAt is in the future");
        }
        DisclosureRequest r = new DisclosureRequest();
        r.id = id;
        r.subjectScheme = ask.subjectScheme();
        r.subjectIndex = ask.subjectIndex();
        r.subjectIdentifierEnc = ask.sealedIdentifier();
        r.rangeFrom = ask.from();
        r.rangeTo = ask.to();
        r.method = ask.method();
        r.receivedAt = ask.receivedAt();
        r.receivedVia = ask.receivedVia();
        r.requestedByAgent = ask.requestedByAgent();
        r.answeredAt = now;
        r.answeredBy = actor;
        r.clientId = clientId;
        if (refusal != null) {
            r.outcome = DisclosureOutcome.REFUSED;
            r.refusalGround = refusal;
            r.refusalDetail = refusalDetail;
        } else {
            records.forEach(rec -> r.recordIds.add(rec.id()));
            r.outcome = records.isEmpty() ? DisclosureOutcome.NO_RECORDS : DisclosureOutcome.DISCLOSED;
        }
        r.recordCount = r.recordIds.size();
        return r;
    }

    /** From receipt of the request to the answer. */
    public Duration timeToAnswer() {
        return Duration.between(receivedAt, answeredAt);
    }

    public UUID id() {
        return id;
    }

    public String subjectScheme() {
        return subjectScheme;
    }

    public String subjectIndex() {
        return subjectIndex;
    }

    public byte[] sealedIdentifier() {
        return subjectIdentifierEnc;
    }

    public LocalDate rangeFrom() {
        return rangeFrom;
    }

    public LocalDate rangeTo() {
        return rangeTo;
    }

    public DisclosureMethod method() {
        return method;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String receivedVia() {
        return receivedVia;
    }

    public boolean requestedByAgent() {
        return requestedByAgent;
    }

    public DisclosureOutcome outcome() {
        return outcome;
    }

    public RefusalGround refusalGround() {
        return refusalGround;
    }

    public String refusalDetail() {
        return refusalDetail;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public String answeredBy() {
        return answeredBy;
    }

    public int recordCount() {
        return recordCount;
    }

    public String clientId() {
        return clientId;
    }


    public Set<UUID> recordIds() {
        return Set.copyOf(recordIds);
    }
}
