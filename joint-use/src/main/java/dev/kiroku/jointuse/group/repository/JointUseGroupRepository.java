package dev.kiroku.jointuse.group.repository;

import dev.kiroku.jointuse.group.GroupStatus;
import dev.kiroku.jointuse.group.JointUseGroup;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JointUseGroupRepository implements PanacheRepositoryBase<JointUseGroup, UUID> {

    /** A page of groups in id (creation) order after the cursor, optionally of one status. */
    public List<JointUseGroup> listAfter(UUID after, GroupStatus status, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (after != null) {
            query.append(" and id > :after");
            parameters.and("after", after);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query + " order by id", parameters).page(0, limit).list();
    }

    /** Groups that are or were public: the only ones whose notices anyone outside may read or rely on. */
    public List<JointUseGroup> listEverPublished() {
        return list("status in ?1 order by id", List.of(GroupStatus.PUBLISHED, GroupStatus.ENDED));
    }
}
