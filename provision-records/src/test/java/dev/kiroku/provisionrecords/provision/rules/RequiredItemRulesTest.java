package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.kiroku.provisionrecords.provision.RecordItem.ACQUISITION_CIRCUMSTANCES;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY_ADDRESS;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY_REPRESENTATIVE;
import static dev.kiroku.provisionrecords.provision.RecordItem.DATA_ITEMS;
import static dev.kiroku.provisionrecords.provision.RecordItem.PPC_PUBLICATION;
import static dev.kiroku.provisionrecords.provision.RecordItem.PROVISION_DATE;
import static dev.kiroku.provisionrecords.provision.RecordItem.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/law.md §A2 (Rule 20(1)) and §B2 (Rule 24(1)): the items each record must hold. One test per row. */
class RequiredItemRulesTest {

    private static final Set<String> COVERED = new TreeSet<>();

    private static RequiredItemRules.Row row(Direction direction, LegalBasis basis, boolean statutory) {
        RequiredItemRules.Row row = RequiredItemRules.rowFor(direction, basis, statutory);
        COVERED.add(row.id());
        return row;
    }

    @Test
    @DisplayName("APPI Rule 20(1)(i): an opt-out provision records date, recipient, subject and items")
    void optOutProvisionRecordsDateRecipientSubjectAndItems() {
        var row = row(Direction.PROVIDED, LegalBasis.OPT_OUT_27_2, true);
        assertThat(row.items()).containsExactlyInAnyOrder(PROVISION_DATE, COUNTERPARTY, SUBJECT, DATA_ITEMS);
        assertThat(row.rule()).isEqualTo("APPI Rule 20(1)(i)");
    }

    @Test
    @DisplayName("APPI Rule 20(1)(ii): a consent-based provision records recipient, subject and items; the date is not required")
    void consentProvisionNeedsNoDate() {
        var row = row(Direction.PROVIDED, LegalBasis.CONSENT_27_1, true);
        assertThat(row.items()).containsExactlyInAnyOrder(COUNTERPARTY, SUBJECT, DATA_ITEMS);
        assertThat(row(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, true).id()).isEqualTo("provided-consent");
    }

    @Test
    @DisplayName("APPI Rule 24(1)(i), Art. 30(1): an opt-out receipt records the provider's identity, acquisition and the PPC publication")
    void optOutReceiptRecordsThePpcPublication() {
        var row = row(Direction.RECEIVED, LegalBasis.OPT_OUT_27_2, true);
        assertThat(row.items()).containsExactlyInAnyOrder(PROVISION_DATE, COUNTERPARTY, COUNTERPARTY_ADDRESS,
                COUNTERPARTY_REPRESENTATIVE, ACQUISITION_CIRCUMSTANCES, SUBJECT, DATA_ITEMS, PPC_PUBLICATION);
    }

    @Test
    @DisplayName("APPI Rule 24(1)(ii), Art. 30(1): a consent-based receipt records the provider's identity and acquisition, no date")
    void consentReceiptRecordsProviderAndAcquisition() {
        var row = row(Direction.RECEIVED, LegalBasis.CONSENT_28_1, true);
        assertThat(row.items()).containsExactlyInAnyOrder(COUNTERPARTY, COUNTERPARTY_ADDRESS,
                COUNTERPARTY_REPRESENTATIVE, ACQUISITION_CIRCUMSTANCES, SUBJECT, DATA_ITEMS);
    }

    @Test
    @DisplayName("APPI Rule 24(1)(iii) (unverified [M]): a receipt from a non-business records provider, address, acquisition")
    void receiptFromNonBusinessRecordsProviderAndAcquisition() {
        var row = row(Direction.RECEIVED, LegalBasis.FROM_NON_BUSINESS, true);
        assertThat(row.items()).containsExactlyInAnyOrder(COUNTERPARTY, COUNTERPARTY_ADDRESS,
                ACQUISITION_CIRCUMSTANCES, SUBJECT, DATA_ITEMS);
        assertThat(row.rule()).isEqualTo("APPI Rule 24(1)(iii), Art. 30(1)").doesNotContain("[");
    }

    @Test
    @DisplayName("Kiroku house rule: voluntary evidence still keeps counterparty, subject and items")
    void voluntaryRecordsKeepTheHouseMinimum() {
        var row = row(Direction.PROVIDED, LegalBasis.EXC_27_1_I, false);
        assertThat(row.statutory()).isFalse();
        assertThat(row.items()).containsExactlyInAnyOrder(COUNTERPARTY, SUBJECT, DATA_ITEMS);
    }

    @AfterAll
    static void everyRowIsCovered() {
        assertThat(COVERED).isEqualTo(RequiredItemRules.ROWS.stream().map(RequiredItemRules.Row::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
