package dev.kiroku.breachreporting.reminder.repository;

import dev.kiroku.breachreporting.reminder.DigestStatus;
import dev.kiroku.breachreporting.reminder.ReminderDigest;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReminderDigestRepository implements PanacheRepositoryBase<ReminderDigest, UUID> {

    /**
     * Claims the day for this run: inserts the day's row in SENDING, or takes over a SENDING row whose claim is older
     * than {@code staleBefore} (its run died). A day already SENT, or claimed by a live run, is not claimed.
     *
     * @return the claimed row's id, empty when the day is not this run's
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> claim(LocalDate day, UUID id, String messageId, String by, Instant now, Instant staleBefore) {
        int claimed = getEntityManager().createNativeQuery("""
                        INSERT INTO breach_reminder_digest (id, day, status, claimed_at, claimed_by, attempts, message_id)
                        VALUES (:id, :day, 'SENDING', :now, :by, 1, :messageId)
                        ON CONFLICT (day) DO UPDATE SET claimed_at = EXCLUDED.claimed_at,
                            claimed_by = EXCLUDED.claimed_by, attempts = breach_reminder_digest.attempts + 1
                        WHERE breach_reminder_digest.status = 'SENDING'
                          AND breach_reminder_digest.claimed_at < :staleBefore""")
                .setParameter("id", id)
                .setParameter("day", day)
                .setParameter("now", Timestamp.from(now))
                .setParameter("by", by)
                .setParameter("messageId", messageId)
                .setParameter("staleBefore", Timestamp.from(staleBefore))
                .executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        return find("day = ?1", day).firstResultOptional().map(ReminderDigest::id);
    }

    /** Gives a claim back after a failed send: the day is free for the next run. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean release(UUID id) {
        return delete("id = ?1 and status = ?2", id, DigestStatus.SENDING) == 1;
    }

    /** Sent digests, newest day first, before the cursor day. */
    public List<ReminderDigest> sentBefore(LocalDate before, int limit) {
        return KeysetQuery.descending("day").equal("status", DigestStatus.SENT).after(before).page(this, limit);
    }
}
