package dev.kiroku.jointuse.group;

/** What a change to a published joint-use group touches; each kind has one row in {@link ChangeRules}. */
public enum ChangeKind {
    /** The responsible party's name, address or representative changes; it stays the same entity. */
    RESPONSIBLE_PARTY_DETAILS,
    /** Another entity becomes the responsible party. */
    RESPONSIBLE_PARTY_REPLACED,
    /** The purposes of use change. */
    PURPOSES,
    /** The items of jointly used data change. */
    DATA_ITEMS,
    /** The joint users (members or the scope text) change. */
    MEMBER_SCOPE,
    /** Only Kiroku's label or the wording of the statement changes; no legal item is affected. */
    PRESENTATION
}
