package dev.kiroku.provisionrecords.optout.repository;

import dev.kiroku.platform.persistence.KeysetQuery;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OptOutStopRepository implements PanacheRepositoryBase<OptOutStop, UUID> {

    /**
     * Every stop (withdrawn ones included) of the subjects with these blind indexes: one array parameter, however
     * many subjects a batch holds.
     */
    @SuppressWarnings("unchecked")
    public List<OptOutStop> forSubjects(Collection<String> subjectIndexes) {
        if (subjectIndexes.isEmpty()) {
            return List.of();
        }
        return getEntityManager()
                .createNativeQuery("SELECT * FROM opt_out_stop WHERE subject_index = ANY (CAST(:indexes AS text[]))",
                        OptOutStop.class)
                .setParameter("indexes", subjectIndexes.toArray(String[]::new))
                .getResultList();
    }

    /** A page in id (registration) order after the cursor, optionally of one subject, optionally only active. */
    public List<OptOutStop> listAfter(UUID after, String subjectIndex, Boolean active, int limit) {
        return KeysetQuery.ascending("id").equal("subjectIndex", subjectIndex).isNull("withdrawnAt", active)
                .after(after).page(this, limit);
    }
}
