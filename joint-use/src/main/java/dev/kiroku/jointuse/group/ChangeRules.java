package dev.kiroku.jointuse.group;

import java.util.EnumMap;
import java.util.Map;

/**
 * The change rules of APPI Art. 27(6) and guideline 3-6-3, as data: one row per {@link ChangeKind}. Where the
 * guideline wording could not be verified (docs/law.md §H3) the conservative reading is kept and marked [M].
 */
final class ChangeRules {

    /** How a change of a kind may be made. */
    public enum Treatment {
        /** Allowed; a new notice is due without delay after the change (遅滞なく). */
        NOTICE_WITHOUT_DELAY,
        /** Allowed only with a notice published in advance of the change taking effect (あらかじめ). */
        ADVANCE_NOTICE,
        /** Not allowed without the persons' consent or a new group, unless shown non-substantive. */
        CONSENT_OR_NEW_GROUP,
        /** No legal item changes; allowed, published with the next notice version. */
        FREE
    }

    /** One row: the kind, how it may change, the authority and the explanation a refusal quotes. */
    public record Rule(ChangeKind kind, Treatment treatment, String article, String explanation) {
    }

    private static final Map<ChangeKind, Rule> RULES = new EnumMap<>(ChangeKind.class);

    static {
        add(ChangeKind.RESPONSIBLE_PARTY_DETAILS, Treatment.NOTICE_WITHOUT_DELAY, "APPI Art. 27(6)",
                "A change of the responsible party's name, address or representative must be notified or made "
                        + "readily available without delay after the change.");
        add(ChangeKind.RESPONSIBLE_PARTY_REPLACED, Treatment.ADVANCE_NOTICE, "APPI Art. 27(6)",
                "Replacing the responsible party by another entity must be notified or made readily available "
                        + "before the replacement takes effect.");
        add(ChangeKind.PURPOSES, Treatment.ADVANCE_NOTICE, "APPI Art. 27(6); guideline 3-6-3", // verification [M] (H3): docs/law.md
               
                "A change of the purposes of use must be notified or made readily available before it takes effect, "
                        + "and stay within what the persons can reasonably expect.");
        add(ChangeKind.DATA_ITEMS, Treatment.CONSENT_OR_NEW_GROUP, "APPI Art. 27(5)(iii); guideline 3-6-3", // verification [M] (H3)
               
                "The items of jointly used data cannot change without the persons' consent; obtain consent or form "
                        + "a new joint-use group. No exception applies to items.");
        add(ChangeKind.MEMBER_SCOPE, Treatment.CONSENT_OR_NEW_GROUP, "APPI Art. 27(5)(iii); guideline 3-6-3", // verification [M] (H3)
               
                "The scope of joint users cannot change without the persons' consent; obtain consent or form a new "
                        + "joint-use group. A change that is not substantive (a member renamed, a business succession: "
                        + "as many members as before, none newly abroad) may be recorded with a written justification.");
        add(ChangeKind.PRESENTATION, Treatment.FREE, "—",
                "The group's label, the wording of the statement and the joint users' Art. 28 routes are not among "
                        + "the items Art. 27(6) governs.");
    }

    private ChangeRules() {
    }

    private static void add(ChangeKind kind, Treatment treatment, String article, String explanation) {
        RULES.put(kind, new Rule(kind, treatment, article, explanation));
    }

    public static Rule of(ChangeKind kind) {
        return RULES.get(kind);
    }

    public static Map<ChangeKind, Rule> all() {
        return Map.copyOf(RULES);
    }
}
