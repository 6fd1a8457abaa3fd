package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.provision.MatchedSubject;
import dev.kiroku.provisionrecords.provision.SubjectCriteria;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The distinct subjects of the records a counterparty received: what breach-reporting reads to name the persons an
 * incident affects (APPI Art. 26). Every page read is appended to the audit chain — who, the filter, how many — with
 * the page's subjects only as a digest of their blind indexes (keyed HMACs: no personal data, yet checkable by the
 * holder of the index key); the log carries counts only.
 */
@ApplicationScoped
public class SubjectQueryService {

    private static final Logger LOG = Logger.getLogger(SubjectQueryService.class);

    private final ProvisionRecordRepository records;
    private final AuditChain audit;
    private final Clock clock;

    public SubjectQueryService(ProvisionRecordRepository records, AuditChain audit, Clock clock) {
        this.clock = clock;
        this.records = records;
        this.audit = audit;
    }

    /**
     * A page of subjects and how many subjects match in all: counted on the first page only, when asked (null
     * otherwise), as counting is a pass over every matching record, and a paging client reads the total once.
     */
    public record SubjectPage(List<MatchedSubject> rows, Long total, UUID auditEntryId) {
    }

    @Transactional
    public SubjectPage subjects(SubjectCriteria criteria, String after, int limit, boolean count, Caller caller) {
        List<MatchedSubject> rows = records.subjects(criteria, after, limit);
        Long total = after == null && count ? records.countSubjects(criteria) : null;
        Map<String, Object> facts = criteria.facts();
        facts.put("firstPage", after == null);
        facts.put("limit", limit);
        facts.put("returned", rows.size());
        if (total != null) {
            facts.put("total", total);
        }
        facts.put("subjectsDigest", digest(rows));
        facts.put("client", caller.clientId());
        UUID queryId = TimeOrderedIds.next(clock);
        UUID entry = audit.append(new AuditEvent("provision-subjects.read", "provision-subjects-query",
                queryId.toString(), caller.actor(), null, facts)).entryId();
        LOG.infof("provision subjects query %s by client %s: %d returned%s", queryId, caller.clientId(),
                rows.size(), total == null ? "" : " of " + total);
        return new SubjectPage(rows, total, entry);
    }

    /** SHA-256 over the page's blind indexes in order, one per line. */
    static String digest(List<MatchedSubject> rows) {
        MessageDigest sha = Digests.sha256();
        for (MatchedSubject row : rows) {
            sha.update(row.cursor().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Digests.hex(sha);
    }
}
