package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;

import java.util.List;
import java.util.function.Predicate;

/**
 * Is a statutory record required? docs/law.md §A1 (provider, Art. 29(1)) and §B1 (recipient, Art. 30(1)), as a table
 * read top to bottom: the first row whose condition holds decides. Records under a basis that needs none are still
 * kept, marked non-statutory (voluntary evidence, outside the Art. 33(5) disclosure right).
 */
final class RecordRequirementRules {

    /** One row: when it applies, whether a record is required, why, and the authority. */
    public record Row(String id, Predicate<Facts> applies, boolean required, String reason, String article) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("public-body", f -> f.basis() == LegalBasis.PUBLIC_BODY_16_2, false,
                    "A national organ, local government or (local) independent administrative agency is not a third "
                            + "party for the record duty",
                    "APPI Art. 29(1) / Art. 30(1), Art. 16(2)"),
            new Row("exception-27-1", f -> f.basis().isArt27_1Exception(), false,
                    "Provision under an Art. 27(1) exception needs no record, for every destination, foreign included",
                    "APPI Art. 29(1) proviso / Art. 30(1) proviso"),
            new Row("interpretive", f -> f.basis() == LegalBasis.NOT_PROVISION_INTERPRETIVE, false,
                    "Not a provision in substance (by or for the subject); a working reading of the guideline",
                    // verification [M]: docs/law.md
                    "PPC guideline 確認・記録義務編"),
            new Row("foreign-27-5-needing-consent", f -> f.direction() == Direction.PROVIDED && f.basis().isArt27_5()
                    && f.foreign() && f.route() == Art28Route.CONSENT_28_1, true,
                    "Entrustment, succession or joint use with a foreign third party that needs Art. 28(1) consent is "
                            + "a provision to a third party: only Art. 27(1) exempts it",
                    "APPI Art. 29(1) (bracketed text), Art. 28(1)"),
            new Row("foreign-27-5-equivalent-or-system", f -> f.direction() == Direction.PROVIDED
                    && f.basis().isArt27_5() && f.foreign() && (f.route() == Art28Route.EQUIVALENT_COUNTRY
                    || f.route() == Art28Route.RECIPIENT_SYSTEM), false,
                    "The foreign recipient is in a country the PPC designated as equivalent, or keeps a system meeting "
                            + "the Rule 16 standard (体制整備): Art. 28(1) consent is not needed, so entrustment, "
                            + "succession or joint use still means it is not a third party",
                    "APPI Art. 28(1), Rule 15 / Rule 16, Art. 27(5), Art. 29(1) proviso"),
            new Row("27-5", f -> f.basis().isArt27_5(), false,
                    "Under entrustment, succession or joint use the counterparty is not a third party",
                    "APPI Art. 29(1) proviso / Art. 30(1) proviso, Art. 27(5)"),
            new Row("consent-provided", f -> f.direction() == Direction.PROVIDED && f.basis().isConsent(), true,
                    "Provision with the subject's consent needs a provider record",
                    "APPI Art. 29(1), Rule 20(1)(ii)"),
            new Row("opt-out-provided", f -> f.direction() == Direction.PROVIDED && f.basis() == LegalBasis.OPT_OUT_27_2,
                    true, "Opt-out provision needs a provider record", "APPI Art. 29(1), Rule 20(1)(i)"),
            new Row("consent-received", f -> f.direction() == Direction.RECEIVED && f.basis().isConsent(), true,
                    "Receipt of data the provider gave with the subject's consent needs a confirmation record",
                    "APPI Art. 30(3), Rule 24(1)(ii)"),
            new Row("opt-out-received", f -> f.direction() == Direction.RECEIVED && f.basis() == LegalBasis.OPT_OUT_27_2,
                    true, "Receipt of data provided by opt-out needs a confirmation record",
                    "APPI Art. 30(3), Rule 24(1)(i)"),
            // (for a provision this basis is refused as a combination the law does not know, see ProvisionRules)
            new Row("non-business-received", f -> f.basis() == LegalBasis.FROM_NON_BUSINESS, true,
                    "Receipt from a provider that is not a business needs a confirmation record (the conservative reading)",
                    // verification [M]: docs/law.md
                    "APPI Art. 30(3), Rule 24(1)(iii)"));

    private RecordRequirementRules() {
    }

    /** The deciding row; every valid combination has one (combinations the law does not know are refused earlier). */
    public static Row decide(Facts facts) {
        return ROWS.stream().filter(r -> r.applies().test(facts)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no record-requirement row for " + facts));
    }
}
