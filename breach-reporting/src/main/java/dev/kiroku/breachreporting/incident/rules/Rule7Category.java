package dev.kiroku.breachreporting.incident.rules;

/** The reportable events of APPI Enforcement Rule 7 (text in force from 2024-04-01). */
public enum Rule7Category {

    SPECIAL_CARE("(i)", "APPI Rule 7(i)", "要配慮個人情報が含まれる",
            "includes special-care personal information (e.g. health-check results, medical records)"),
    FINANCIAL_DAMAGE("(ii)", "APPI Rule 7(ii)", "不正に利用されることにより財産的被害が生じるおそれ",
            "data whose misuse may cause financial damage (e.g. card numbers, online-banking ID and password)"),
    WRONGFUL_PURPOSE("(iii)", "APPI Rule 7(iii)", "不正の目的をもって行われたおそれがある",
            "may have been caused by an act with wrongful purpose (unauthorised access, ransomware, insider theft, "
                    + "web skimming), incl. personal information the business is trying to acquire (from 2024-04)"),
    OVER_THRESHOLD_PERSONS("(iv)", "APPI Rule 7(iv)", "本人の数が千人を超える",
            "more than 1,000 data subjects (persons, not records, including those possibly affected)");

    private final String number;
    private final String article;
    private final String japanese;
    private final String description;

    Rule7Category(String number, String article, String japanese, String description) {
        this.number = number;
        this.article = article;
        this.japanese = japanese;
        this.description = description;
    }

    public String number() {
        return number;
    }

    public String article() {
        return article;
    }

    public String japanese() {
        return japanese;
    }

    public String description() {
        return description;
    }
}
