package dev.kiroku.provisionrecords.disclosure.repository;

import dev.kiroku.provisionrecords.disclosure.DisclosureRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DisclosureRequestRepository implements PanacheRepositoryBase<DisclosureRequest, UUID> {

    public Optional<DisclosureRequest> findByKey(String clientId, String key) {
        return find("clientId = ?1 and idempotencyKey = ?2", clientId, key).firstResultOptional();
    }

    /** A page in id (answer) order after the cursor, optionally of one subject. */
    public List<DisclosureRequest> listAfter(UUID after, String subjectIndex, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (after != null) {
            query.append(" and id > :after");
            parameters.and("after", after);
        }
        if (subjectIndex != null) {
            query.append(" and subjectIndex = :subject");
            parameters.and("subject", subjectIndex);
        }
        return find(query + " order by id", parameters).page(0, limit).list();
    }
}
