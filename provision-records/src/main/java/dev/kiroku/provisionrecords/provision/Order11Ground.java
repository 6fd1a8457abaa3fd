package dev.kiroku.provisionrecords.provision;

/**
 * Why revealing the existence of a record would be harmful (APPI Cabinet Order Art. 11). Such a record is not a
 * "third-party provision record" and a disclosure answers as if it did not exist.
 */
public enum Order11Ground {
    /** Would endanger the life, body or property of the subject or a third party (Order Art. 11(i)). */
    LIFE_BODY_PROPERTY("APPI Order Art. 11(i)"),
    /** Would encourage or induce illegal or unjust acts (Order Art. 11(ii)). */
    ILLEGAL_ACTS("APPI Order Art. 11(ii)"),
    /** Would harm national security or relations with foreign states (Order Art. 11(iii)). */
    NATIONAL_SECURITY("APPI Order Art. 11(iii)"),
    /** Would hinder crime prevention, investigation or public safety and order (Order Art. 11(iv)). */
    PUBLIC_SAFETY("APPI Order Art. 11(iv)");

    private final String article;

    Order11Ground(String article) {
        this.article = article;
    }

    public String article() {
        return article;
    }
}
