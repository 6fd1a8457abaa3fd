package dev.kiroku.provisionrecords.provision;

/** An item a record must hold (Rule 20(1) / Rule 24(1)), with the request field that carries it. */
public enum RecordItem {
    PROVISION_DATE("providedOn", "the date of provision or receipt (or the first and last day of the period)"),
    COUNTERPARTY("counterparty.name", "the counterparty's name or appellation, or that it was many unspecified persons"),
    COUNTERPARTY_ADDRESS("counterparty.address", "the provider's address"),
    COUNTERPARTY_REPRESENTATIVE("counterparty.representative", "the name of the corporate provider's representative"),
    SUBJECT("subject.identifier", "matters enough to identify the data subject"),
    DATA_ITEMS("dataItems", "the items of personal data"),
    ACQUISITION_CIRCUMSTANCES("acquisitionCircumstances", "how the provider acquired the data (取得の経緯)"),
    PPC_PUBLICATION("ppcPublicationRef", "that the provider's opt-out notification was published by the PPC"),
    CONTRACT_REFERENCE("contractRef", "the contract or other document that serves as the record"),
    PERIOD_FIRST("period.first", "the first day of the provision period");

    private final String field;
    private final String description;

    RecordItem(String field, String description) {
        this.field = field;
        this.description = description;
    }

    public String field() {
        return field;
    }

    public String description() {
        return description;
    }
}
