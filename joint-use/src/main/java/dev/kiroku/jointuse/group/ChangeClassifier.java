package dev.kiroku.jointuse.group;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Compares the definition in force with a proposed one and names every {@link ChangeKind} the proposal touches. */
final class ChangeClassifier {

    private ChangeClassifier() {
    }

    /**
     * @param responsiblePartyReplaced the requester's statement that another entity becomes responsible; a differing
     *                                 corporate number says so too
     */
    public static Set<ChangeKind> classify(JointUseDefinition current, JointUseDefinition proposed,
            boolean responsiblePartyReplaced) {
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        Party before = current.responsibleParty();
        Party after = proposed.responsibleParty();
        boolean numberChanged = before.corporateNumber() != null
                && !before.corporateNumber().equals(after.corporateNumber());
        boolean everythingChanged = !before.name().equals(after.name()) && !before.address().equals(after.address())
                && !before.representative().equals(after.representative());
        // conservative: another corporate number, a number dropped, or name, address and representative all new
        // at once is treated as another entity (advance notice), not as the same entity's new details
        boolean otherEntity = responsiblePartyReplaced || numberChanged || everythingChanged;
        if (otherEntity) {
            kinds.add(ChangeKind.RESPONSIBLE_PARTY_REPLACED);
        } else if (!before.equals(after)) {
            kinds.add(ChangeKind.RESPONSIBLE_PARTY_DETAILS);
        }
        if (!new HashSet<>(current.purposes()).equals(new HashSet<>(proposed.purposes()))) {
            kinds.add(ChangeKind.PURPOSES);
        }
        if (!new HashSet<>(current.dataItems()).equals(new HashSet<>(proposed.dataItems()))) {
            kinds.add(ChangeKind.DATA_ITEMS);
        }
        if (!current.scope().description().equals(proposed.scope().description())
                || !membersWithoutRoutes(current).equals(membersWithoutRoutes(proposed))) {
            kinds.add(ChangeKind.MEMBER_SCOPE);
        }
        // a member's Art. 28 route is not among the items of Art. 27(5)(iii): stating it is no change of the scope
        boolean routesOnly = !kinds.contains(ChangeKind.MEMBER_SCOPE)
                && !new HashSet<>(current.scope().members()).equals(new HashSet<>(proposed.scope().members()));
        if (!current.name().equals(proposed.name()) || !Objects.equals(current.statement(), proposed.statement())
                || routesOnly) {
            kinds.add(ChangeKind.PRESENTATION);
        }
        return kinds;
    }

    private static Set<Member> membersWithoutRoutes(JointUseDefinition definition) {
        Set<Member> members = new HashSet<>();
        definition.scope().members().forEach(m -> members.add(m.withoutRoute()));
        return members;
    }
}
