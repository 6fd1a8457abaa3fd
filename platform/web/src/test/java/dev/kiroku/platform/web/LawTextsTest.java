package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Verification markers of the law summary are stripped from texts stored before the rule tables lost them. */
class LawTextsTest {

    @Test
    void aRetentionRuleStoredWithAMarkerIsShownWithout() {
        assertThat(LawTexts.withoutMarkers("APPI Rule 21(1)(ii) / Rule 25(1)(ii): 3 years from the last provision "
                + "covered [M wording]")).isEqualTo("APPI Rule 21(1)(ii) / Rule 25(1)(ii): 3 years from the last "
                + "provision covered");
        assertThat(LawTexts.withoutMarkers("APPI Rule 9 [M]: an entrusted party"))
                .isEqualTo("APPI Rule 9: an entrusted party");
        assertThat(LawTexts.withoutMarkers("guideline 3-5-1 [S] and [V]")).isEqualTo("guideline 3-5-1 and");
        assertThat(LawTexts.hasMarker("APPI Rule 8(2) [M]")).isTrue();
    }

    @Test
    void otherBracketsAreLeftAlone() {
        assertThat(LawTexts.withoutMarkers("配列[0] [Map] [MS]")).isEqualTo("配列[0] [Map] [MS]");
        assertThat(LawTexts.withoutMarkers(null)).isNull();
    }
}
