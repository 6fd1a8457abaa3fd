package dev.kiroku.provisionrecords.disclosure;

/** The disclosure method the requester chose (APPI Art. 33(1) as applied by 33(5); Rule 30 [M]). */
public enum DisclosureMethod {
    /** Provision of an electronic record (電磁的記録の提供): JSON or CSV. */
    ELECTRONIC_RECORD,
    /** A written document (書面の交付): the printable letter. */
    DOCUMENT,
    /** Another method the business specifies. */
    OTHER
}
