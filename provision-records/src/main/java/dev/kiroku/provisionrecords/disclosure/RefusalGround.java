package dev.kiroku.provisionrecords.disclosure;

/** Grounds for refusing a disclosure in whole (APPI Art. 33(2) as applied by Art. 33(5); docs/law.md §C2 [M]). */
public enum RefusalGround {
    /** Would harm the life, body, property or other rights and interests of the subject or a third party. */
    HARM_TO_PERSONS("APPI Art. 33(2)(i) as applied by Art. 33(5)"),
    /** Would seriously hinder the business's proper operations. */
    SERIOUS_HINDRANCE_TO_BUSINESS("APPI Art. 33(2)(ii) as applied by Art. 33(5)"),
    /** Would violate other laws. */
    VIOLATION_OF_OTHER_LAWS("APPI Art. 33(2)(iii) as applied by Art. 33(5)");

    private final String article;

    RefusalGround(String article) {
        this.article = article;
    }

    public String article() {
        return article;
    }
}
