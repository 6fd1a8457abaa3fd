package dev.kiroku.jointuse.group;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.kiroku.jointuse.group.JointUseFixtures.RESPONSIBLE;
import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the Art. 27(6) rule table, with the article it cites, and the classifier that picks the rows. */
class ChangeRulesTest {

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "RESPONSIBLE_PARTY_DETAILS  | NOTICE_WITHOUT_DELAY | APPI Art. 27(6)",
            "RESPONSIBLE_PARTY_REPLACED | ADVANCE_NOTICE       | APPI Art. 27(6)",
            "PURPOSES                   | ADVANCE_NOTICE       | APPI Art. 27(6); guideline 3-6-3",
            "DATA_ITEMS                 | CONSENT_OR_NEW_GROUP | APPI Art. 27(5)(iii); guideline 3-6-3",
            "MEMBER_SCOPE               | CONSENT_OR_NEW_GROUP | APPI Art. 27(5)(iii); guideline 3-6-3",
            "PRESENTATION               | FREE                 | —"})
    void eachKindOfChangeHasItsTreatmentAndAuthority(ChangeKind kind, ChangeRules.Treatment treatment,
            String article) {
        ChangeRules.Rule rule = ChangeRules.of(kind);
        assertThat(rule.treatment()).isEqualTo(treatment);
        assertThat(rule.article()).isEqualTo(article);
        assertThat(rule.explanation()).isNotBlank();
    }

    @Test
    void theTableCoversEveryKind() {
        assertThat(ChangeRules.all()).containsOnlyKeys(ChangeKind.values());
    }

    @Test
    void aDifferentCorporateNumberIsAReplacementEvenWhenNotDeclared() {
        Party other = new Party("別会社株式会社", RESPONSIBLE.address(), RESPONSIBLE.representative(), "1234567890123");
        assertThat(ChangeClassifier.classify(policy002(), JointUseFixtures.withResponsible(policy002(), other), false))
                .containsExactly(ChangeKind.RESPONSIBLE_PARTY_REPLACED);
    }

    /** APPI Art. 27(6), conservative reading: a dropped corporate number, or all three details new, is another entity. */
    @Test
    void aDroppedCorporateNumberOrAllDetailsNewIsAReplacement() {
        Party unnumbered = new Party(RESPONSIBLE.name(), RESPONSIBLE.address(), "代表取締役 別人", null);
        assertThat(ChangeClassifier.classify(policy002(), JointUseFixtures.withResponsible(policy002(), unnumbered), false))
                .containsExactly(ChangeKind.RESPONSIBLE_PARTY_REPLACED);
        JointUseDefinition numberless = JointUseFixtures.withResponsible(policy002(),
                new Party("旧会社株式会社", "東京都港区1-1", "代表取締役 甲", null));
        Party allNew = new Party("新会社株式会社", "大阪府大阪市1-1", "代表取締役 乙", null);
        assertThat(ChangeClassifier.classify(numberless, JointUseFixtures.withResponsible(numberless, allNew), false))
                .containsExactly(ChangeKind.RESPONSIBLE_PARTY_REPLACED);
        Party newRepresentativeOnly = new Party("旧会社株式会社", "東京都港区1-1", "代表取締役 丙", null);
        assertThat(ChangeClassifier.classify(numberless, JointUseFixtures.withResponsible(numberless,
                newRepresentativeOnly), false)).containsExactly(ChangeKind.RESPONSIBLE_PARTY_DETAILS);
    }

    @Test
    void theOrderOfItemsOrPurposesIsNotAChange() {
        JointUseDefinition reordered = JointUseFixtures.withItems(policy002(),
                List.of("契約情報", "電話番号", "E-Mailアドレス", "ご住所", "お名前"));
        assertThat(ChangeClassifier.classify(policy002(), reordered, false)).isEmpty();
    }

    @Test
    void severalKindsAreNamedTogether() {
        JointUseDefinition both = JointUseFixtures.withPurposes(JointUseFixtures.withItems(policy002(),
                List.of("お名前")), List.of("別目的"));
        assertThat(ChangeClassifier.classify(policy002(), both, false))
                .containsExactlyInAnyOrder(ChangeKind.DATA_ITEMS, ChangeKind.PURPOSES);
    }
}
