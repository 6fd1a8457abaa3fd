package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.rules.Assessment;
import dev.kiroku.provisionrecords.provision.rules.RetentionRules;
import dev.kiroku.provisionrecords.provision.service.ProvisionService.Candidate;
import dev.kiroku.provisionrecords.provision.service.ProvisionService.Lineage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A version about to be written: everything but its audit entry, assessed once against the rule tables. */
final class Draft implements ProvisionService.Drafted {
    private final UUID id;
    private final Candidate candidate;
    private final Lineage lineage;
    private final Caller caller;
    private final OffsetDateTime recordedAt;
    private final LocalDate createdOn;
    private final String salt;
    private final String commitment;
    private final String subjectIndex;
    private final Assessment assessment;
    private final ProvisionRecord.Retention retention;
    private final String contentSha256;

    Draft(UUID id, Candidate candidate, Lineage lineage, Caller caller, OffsetDateTime recordedAt,
            LocalDate createdOn, String salt, String commitment, String subjectIndex, Assessment assessment,
            ObjectMapper json) {
        this.id = id;
        this.candidate = candidate;
        this.lineage = lineage;
        this.caller = caller;
        this.recordedAt = recordedAt;
        this.createdOn = createdOn;
        this.salt = salt;
        this.commitment = commitment;
        this.subjectIndex = subjectIndex;
        this.assessment = assessment;
        ProvisionEvent event = candidate.event();
        RetentionRules.Row row = assessment.retention();
        LocalDate legal = RetentionRules.legalRetainUntil(row, event.lastProvisionDay(), createdOn);
        LocalDate effective = legal == null ? null
                : event.retainUntil() != null && event.retainUntil().isAfter(legal) ? event.retainUntil() : legal;
        this.retention = new ProvisionRecord.Retention(effective, legal, row.rule());
        this.contentSha256 = RecordContent.sha256(json, content());
    }

    UUID id() {
        return id;
    }

    Candidate candidate() {
        return candidate;
    }

    Assessment assessment() {
        return assessment;
    }

    String salt() {
        return salt;
    }

    /** The subject's blind index, computed once for the stop check and the row. */
    String subjectIndex() {
        return subjectIndex;
    }

    String contentSha256() {
        return contentSha256;
    }

    String reason() {
        return lineage.reason();
    }

    LocalDate recordedOn() {
        return createdOn;
    }

    private UUID correctsId() {
        return lineage.corrects() == null ? null : lineage.corrects().id();
    }

    private UUID lineageId() {
        return lineage.corrects() == null ? id : lineage.corrects().lineageId();
    }

    private int versionNo() {
        return lineage.corrects() == null ? 1 : lineage.corrects().versionNo() + 1;
    }

    /** The facts the audit chain keeps about this version. */
    Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", id.toString());
        facts.put("lineageId", lineageId().toString());
        facts.put("versionNo", versionNo());
        if (correctsId() != null) {
            facts.put("correctsId", correctsId().toString());
        }
        facts.put("statutory", assessment.statutory());
        facts.put("contentSha256", contentSha256);
        return facts;
    }

    /** Canonical content: every fact of the version, the subject only as its commitment. */
    private Map<String, Object> content() {
        return RecordContent.of(id, lineageId(), versionNo(), correctsId(), reason(), assessment.statutory(),
                commitment, candidate.eventSha256(), recordedAt, caller.actor(), retention);
    }

    ProvisionRecord record(UUID auditEntryId) {
        return new ProvisionRecord(id, lineageId(), versionNo(), correctsId(), reason(), assessment.statutory(),
                candidate.event(), caller.clientId(), candidate.fingerprint(), recordedAt, caller.actor(),
                retention, commitment, contentSha256, auditEntryId, null);
    }
}
