package dev.kiroku.breachreporting.reminder.service;

import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.breachreporting.reminder.CoveredDeadline;
import dev.kiroku.breachreporting.reminder.DigestContents;
import dev.kiroku.breachreporting.reminder.DueReminder;
import dev.kiroku.breachreporting.reminder.ReminderDigest;
import dev.kiroku.breachreporting.reminder.ReminderSelection;
import dev.kiroku.breachreporting.reminder.repository.ReminderDigestRepository;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reminders' data: what is due on a day (the incidents' own deadlines, selected by {@link ReminderSelection}), the
 * day's claim, and the record of sent digests. Each method is one short transaction of its own; the mail is sent
 * between them, outside any transaction.
 */
@ApplicationScoped
public class ReminderService {

    /** The audit chain's aggregate type of a day's digest. */
    public static final String AGGREGATE = "breach-reminder-digest";

    private final IncidentService incidents;
    private final ReminderDigestRepository digests;
    private final ReminderSelection selection;
    private final AuditChain audit;
    private final String messageIdDomain;

    public ReminderService(IncidentService incidents, ReminderDigestRepository digests,
            JapaneseAdministrativeCalendar calendar, AuditChain audit,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.incidents = incidents;
        this.digests = digests;
        this.audit = audit;
        this.selection = new ReminderSelection(calendar);
        this.messageIdDomain = from.filter(f -> f.contains("@"))
                .map(f -> f.substring(f.lastIndexOf('@') + 1).replace(">", "").strip())
                .orElse("breach-reporting.kiroku.invalid");
    }

    /** Today in Asia/Tokyo, the legal days' zone. */
    public LocalDate today() {
        return incidents.today();
    }

    public ReminderSelection selection() {
        return selection;
    }

    /** The unfiled deadlines a digest on the day lists, most urgent first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DueReminder> due(LocalDate day) {
        return selection.select(day, incidents.openDeadlines().stream()
                .map(o -> new ReminderSelection.Candidate(o.incident().id(), o.incident().title(), o.deadline()))
                .toList());
    }

    /**
     * Claims the day (see {@link ReminderDigestRepository#claim}); empty when it is not this run's. The Message-ID is the
     * day's: a digest sent again after a run died between sending and recording it carries the same one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ReminderDigest> claim(LocalDate day, String by, Instant now, Instant staleBefore) {
        UUID id = TimeOrderedIds.next();
        String messageId = "<breach-reminders." + day + "@" + messageIdDomain + ">";
        return digests.claim(day, id, messageId, by, now, staleBefore).map(digests::findById);
    }

    /**
     * Records the claimed digest as sent, and in the audit chain (in the same transaction): the day, the Message-ID, how
     * many addresses, and each deadline it reminded of by incident, filing and state — never an address or a title, so
     * that an auditor can see which deadline the breach team was reminded of on which day.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(UUID id, List<DueReminder> covered, int recipients, Instant at, String by) {
        ReminderDigest digest = digests.findById(id);
        List<CoveredDeadline> deadlines = covered.stream().map(CoveredDeadline::of).toList();
        digest.sent(new DigestContents(deadlines), recipients, at);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("day", digest.day().toString());
        content.put("messageId", digest.messageId());
        content.put("recipientCount", recipients);
        content.put("attempts", digest.attempts());
        content.put("deadlines", covered.stream().map(d -> Map.of("incidentId", d.incidentId().toString(),
                "kind", d.kind().name(), "state", d.state().name(), "dueDate", d.dueDate().toString())).toList());
        audit.append(new AuditEvent("breach-reminder-digest.sent", AGGREGATE, id.toString(), by, null, content));
    }

    /** Gives the claim back after a failed send. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean release(UUID id) {
        return digests.release(id);
    }

    /** Sent digests, newest day first, before the cursor day. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReminderDigest> sent(LocalDate before, int limit) {
        return digests.sentBefore(before, limit);
    }
}
