package dev.kiroku.provisionrecords.optout;

import dev.kiroku.provisionrecords.common.NameKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A subject's request to stop opt-out provision of their data (APPI Art. 27(2); privacy policy 001 Art. 12): to every
 * recipient or to named ones, from a day. It blocks opt-out provisions on or after that day until it is withdrawn;
 * withdrawal is its only change and lifts the stop for provisions on or after the withdrawal day.
 */
@Entity
@Table(name = "opt_out_stop")
public class OptOutStop {

    /** The stop's legal footing, cited when it refuses a provision. */
    public static final String ARTICLE = "APPI Art. 27(2) (stop on request of the subject)";

    /** A named recipient the stop covers. */
    public record Recipient(String name, String corporateNumber) {

        boolean is(String counterpartyCorporateNumber, String counterpartyKey) {
            if (corporateNumber != null && counterpartyCorporateNumber != null) {
                return corporateNumber.equals(counterpartyCorporateNumber);
            }
            return Objects.equals(NameKeys.key(name), counterpartyKey);
        }
    }

    // Only the withdrawal columns are updatable: the application role may update no others (issue 13).
    @Id
    private UUID id;
    @Column(name = "subject_scheme", updatable = false)
    private String subjectScheme;
    @Column(name = "subject_index", updatable = false)
    private String subjectIndex;
    @Column(name = "subject_identifier_enc", updatable = false)
    private byte[] subjectIdentifierEnc;
    @Column(name = "all_recipients", updatable = false)
    private boolean allRecipients;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    private List<Recipient> recipients;
    @Column(name = "effective_from", updatable = false)
    private LocalDate effectiveFrom;
    @Column(name = "received_via", updatable = false)
    private String receivedVia;
    @Column(name = "registered_at", updatable = false)
    private Instant registeredAt;
    @Column(name = "registered_by", updatable = false)
    private String registeredBy;
    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;
    @Column(name = "withdrawn_on")
    private LocalDate withdrawnOn;
    @Column(name = "withdrawn_by")
    private String withdrawnBy;
    @Column(name = "withdrawal_reason")
    private String withdrawalReason;
    @Column(name = "client_id", updatable = false)
    private String clientId;

    protected OptOutStop() {
    }

    public static OptOutStop register(UUID id, String subjectScheme, String subjectIndex, byte[] sealedIdentifier,
            List<Recipient> recipients, LocalDate effectiveFrom, String receivedVia, String actor, Instant now,
            String clientId) {
        OptOutStop stop = new OptOutStop();
        stop.id = id;
        stop.subjectScheme = subjectScheme;
        stop.subjectIndex = subjectIndex;
        stop.subjectIdentifierEnc = sealedIdentifier;
        stop.allRecipients = recipients.isEmpty();
        stop.recipients = List.copyOf(recipients);
        stop.effectiveFrom = effectiveFrom;
        stop.receivedVia = receivedVia;
        stop.registeredAt = now;
        stop.registeredBy = actor;
        stop.clientId = clientId;
        return stop;
    }

    /** Withdraws the stop from a day on; refused when it is already withdrawn or the day precedes the stop. */
    public void withdraw(LocalDate from, String reason, String actor, Instant now) {
        if (withdrawnAt != null) {
            throw new IllegalStopTransition("The stop " + id + " was already withdrawn on " + withdrawnOn);
        }
        if (from.isBefore(effectiveFrom)) {
            throw new IllegalStopTransition("A stop cannot be withdrawn from a day before it took effect ("
                    + effectiveFrom + ")");
        }
        withdrawnOn = from;
        withdrawnAt = now;
        withdrawnBy = actor;
        withdrawalReason = reason;
    }

    /**
     * Does the stop forbid an opt-out provision of its subject on this day to the counterparty with this corporate
     * number (or none) and name key ({@link NameKeys#key})?
     */
    public boolean blocks(String counterpartyCorporateNumber, String counterpartyKey, LocalDate day) {
        if (day == null || day.isBefore(effectiveFrom) || (withdrawnOn != null && !day.isBefore(withdrawnOn))) {
            return false;
        }
        return allRecipients || recipients.stream().anyMatch(r -> r.is(counterpartyCorporateNumber, counterpartyKey));
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

    public boolean allRecipients() {
        return allRecipients;
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    public String receivedVia() {
        return receivedVia;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String registeredBy() {
        return registeredBy;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public LocalDate withdrawnOn() {
        return withdrawnOn;
    }

    public String withdrawnBy() {
        return withdrawnBy;
    }

    public String withdrawalReason() {
        return withdrawalReason;
    }

    public String clientId() {
        return clientId;
    }

}
