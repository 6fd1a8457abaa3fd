package dev.kiroku.jointuse.group.repository;

import dev.kiroku.jointuse.group.GroupStatus;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JointUseGroupRepository implements PanacheRepositoryBase<JointUseGroup, UUID> {

    /** A page of groups in id (creation) order after the cursor, optionally of one status. */
    public List<JointUseGroup> listAfter(UUID after, GroupStatus status, int limit) {
        return KeysetQuery.ascending("id").equal("status", status).after(after).page(this, limit);
    }

    /** Groups that are or were public: the only ones whose notices anyone outside may read or rely on. */
    public List<JointUseGroup> listEverPublished() {
        return list("status in ?1 order by id", List.of(GroupStatus.PUBLISHED, GroupStatus.ENDED));
    }
}
