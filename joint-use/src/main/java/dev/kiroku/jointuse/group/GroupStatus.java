package dev.kiroku.jointuse.group;

/** A joint-use group's lifecycle: DRAFT → PUBLISHED → ENDED. */
public enum GroupStatus {
    /** Being prepared; not yet notified to anyone, freely editable. */
    DRAFT,
    /** Its notice is public; changes follow APPI Art. 27(6). */
    PUBLISHED,
    /** Joint use has ended; its notices remain as evidence. */
    ENDED
}
