package dev.kiroku.provisionrecords.disclosure.repository;

import dev.kiroku.platform.persistence.KeysetQuery;
import dev.kiroku.provisionrecords.disclosure.DisclosureRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DisclosureRequestRepository implements PanacheRepositoryBase<DisclosureRequest, UUID> {

    /** A page in id (answer) order after the cursor, optionally of one subject. */
    public List<DisclosureRequest> listAfter(UUID after, String subjectIndex, int limit) {
        return KeysetQuery.ascending("id").equal("subjectIndex", subjectIndex).after(after).page(this, limit);
    }
}
