package dev.kiroku.breachreporting.affected;

import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A person affected by an incident: named once per incident (de-duplicated by the blind index of scheme and
 * identifier), their identifier, name and e-mail address sealed with the row id as associated data. A later source
 * may add what an earlier one lacked (a CSV file the e-mail address of a person derived from provision records) but
 * never overwrites what is known.
 */
@Entity
@Table(name = "affected_person")
public class AffectedPerson {

    /** Encrypts and decrypts a person's fields for this row (AES-GCM, the row id as associated data). */
    public interface Sealer {
        byte[] seal(String value, UUID row);

        String open(byte[] sealed, UUID row);
    }

    @Id
    private UUID id;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "subject_index")
    private String subjectIndex;

    @Column(name = "subject_scheme")
    private String subjectScheme;

    @Column(name = "subject_identifier")
    private byte[] subjectIdentifier;

    private byte[] name;

    private byte[] email;

    private String language;

    @Enumerated(EnumType.STRING)
    private AffectedPersonSource source;

    @Column(name = "source_id")
    private UUID sourceId;

    @Column(name = "added_at")
    private Instant addedAt;

    @Column(name = "added_by")
    private String addedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected AffectedPerson() {
    }

    /** A person first named by a source (an import or a derivation, {@code sourceId}). */
    public static AffectedPerson named(UUID incidentId, AffectedSubject subject, String subjectIndex,
            AffectedPersonSource source, UUID sourceId, String actor, Instant now, Sealer sealer) {
        AffectedPerson person = new AffectedPerson();
        person.id = TimeOrderedIds.next();
        person.incidentId = Objects.requireNonNull(incidentId);
        person.subjectIndex = Objects.requireNonNull(subjectIndex);
        person.subjectScheme = subject.scheme();
        person.subjectIdentifier = sealer.seal(subject.identifier(), person.id);
        person.name = sealer.seal(blankToNull(subject.name()), person.id);
        person.email = sealer.seal(blankToNull(subject.email()), person.id);
        person.language = subject.language();
        person.source = Objects.requireNonNull(source);
        person.sourceId = Objects.requireNonNull(sourceId);
        person.addedAt = now;
        person.addedBy = actor;
        person.updatedAt = now;
        return person;
    }

    /**
     * Adds what another source knows and this row lacks (name, e-mail address with its language); what is known
     * stays. Answers whether anything was added.
     */
    public boolean complete(AffectedSubject other, Instant now, Sealer sealer) {
        boolean changed = false;
        if (name == null && blankToNull(other.name()) != null) {
            name = sealer.seal(other.name(), id);
            changed = true;
        }
        if (email == null && blankToNull(other.email()) != null) {
            email = sealer.seal(other.email(), id);
            language = other.language();
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /** The person as stored, opened. Personal data: for the caller's answer only, never for logs. */
    public AffectedSubject open(Sealer sealer) {
        return new AffectedSubject(subjectScheme, sealer.open(subjectIdentifier, id), sealer.open(name, id),
                sealer.open(email, id), language);
    }

    /** Whether the person can be notified by e-mail. */
    public boolean reachableByEmail() {
        return email != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String subjectIndex() {
        return subjectIndex;
    }

    public String subjectScheme() {
        return subjectScheme;
    }

    public String language() {
        return language;
    }

    public AffectedPersonSource source() {
        return source;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String addedBy() {
        return addedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
