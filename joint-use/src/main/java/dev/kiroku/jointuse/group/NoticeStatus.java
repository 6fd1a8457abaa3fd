package dev.kiroku.jointuse.group;

/** A notice version is PENDING (prepared, not yet public) or PUBLISHED (public and immutable). */
public enum NoticeStatus {
    PENDING,
    PUBLISHED
}
