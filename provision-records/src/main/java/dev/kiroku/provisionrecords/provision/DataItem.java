package dev.kiroku.provisionrecords.provision;

/** The controlled vocabulary of personal-data items (個人データの項目); anything else goes in free text. */
public enum DataItem {
    NAME("氏名", "Name"),
    ADDRESS("住所", "Address"),
    PHONE("電話番号", "Telephone number"),
    EMAIL("メールアドレス", "E-mail address"),
    DATE_OF_BIRTH("生年月日", "Date of birth"),
    GENDER("性別", "Gender"),
    AGE("年齢", "Age"),
    OCCUPATION("職業", "Occupation"),
    CUSTOMER_ID("顧客ID", "Customer ID"),
    PURCHASE_HISTORY("購買履歴", "Purchase history"),
    PAYMENT_INFO("決済情報", "Payment information"),
    BANK_ACCOUNT("銀行口座情報", "Bank account details"),
    CREDIT_CARD("クレジットカード情報", "Credit card details"),
    DEVICE_ID("端末識別子", "Device identifier"),
    LOCATION("位置情報", "Location data"),
    BROWSING_HISTORY("閲覧履歴", "Browsing history"),
    EMPLOYMENT("勤務先情報", "Employment details"),
    FAMILY("家族構成", "Family composition"),
    HEALTH("健康情報（要配慮個人情報）", "Health data (special care-required)"),
    OTHER_SPECIAL_CARE("その他の要配慮個人情報", "Other special care-required data");

    private final String ja;
    private final String en;

    DataItem(String ja, String en) {
        this.ja = ja;
        this.en = en;
    }

    public String label(String language) {
        return "ja".equals(language) ? ja : en;
    }
}
