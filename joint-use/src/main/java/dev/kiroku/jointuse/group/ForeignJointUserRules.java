package dev.kiroku.jointuse.group;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether provision to a joint user still needs an Art. 29 record, as a table read top to bottom (docs/law.md §A1 rows
 * 3–4, D3): joint use (Art. 27(5)(iii)) makes a member not a third party — unless it is in a foreign country that
 * needs the persons' consent under Art. 28(1), in which case only consent helps and the provision is recorded (Art.
 * 29(1), bracketed text). A member in a designated country, or one keeping a system meeting the Rule 16 standard, needs
 * no such consent, so joint use still applies to it.
 */
public final class ForeignJointUserRules {

    /** One row: when it applies, whether records are required, why, and the authority. */
    public record Row(String id, Predicate<Member> applies, boolean recordsRequired, String reason, String article) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("domestic", m -> !m.foreign(), false,
                    "A joint user in Japan is not a third party: no Art. 29/30 record for provision within the joint use",
                    "APPI Art. 27(5)(iii), Art. 29(1) proviso"),
            new Row("designated-country", m -> DesignatedCountries.isDesignated(m.country()), false,
                    "The joint user is in a country the PPC designated as having an equivalent regime: Art. 28 does "
                            + "not apply, so joint use makes it no third party and no record is required",
                    "APPI Art. 28(1), Rule 15 (PPC Notice No. 1 of 2019), Art. 27(5)(iii)"),
            new Row("recipient-system", m -> m.art28Route() == Art28Route.RECIPIENT_SYSTEM, false,
                    "The joint user keeps a system meeting the Rule 16 standard (体制整備): Art. 28(1) consent is not "
                            + "needed, joint use applies and no record is required; the provider keeps up the measures "
                            + "of Art. 28(3) / Rule 18",
                    "APPI Art. 28(1), Rule 16, Art. 28(3), Rule 18, Art. 27(5)(iii)"),
            new Row("consent-28-1", m -> true, true,
                    "The joint user is in a foreign country that is not designated and no system meeting the Rule 16 "
                            + "standard is stated: provision to it needs the persons' consent under Art. 28(1), joint "
                            + "use does not lift that, and an Art. 29 record is required",
                    "APPI Art. 28(1), Art. 29(1) (bracketed text)"));

    private ForeignJointUserRules() {
    }

    /** The deciding row for a member. */
    public static Row decide(Member member) {
        return ROWS.stream().filter(r -> r.applies().test(member)).findFirst().orElseThrow();
    }

    /** Every member whose stated Art. 28 route its country cannot have, as refusals naming Art. 28. */
    public static List<JointUseRefusal.Reason> refusals(JointUseDefinition definition) {
        List<JointUseRefusal.Reason> reasons = new ArrayList<>();
        List<Member> members = definition.scope().members();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m == null || m.art28Route() == null) {
                continue;
            }
            String field = "scope.members[" + i + "].art28Route";
            if (!m.foreign()) {
                reasons.add(new JointUseRefusal.Reason(field, "only for a joint user outside Japan",
                        "APPI Art. 28(1)"));
            } else if (DesignatedCountries.isDesignated(m.country())
                    && m.art28Route() != Art28Route.EQUIVALENT_COUNTRY) {
                reasons.add(new JointUseRefusal.Reason(field, m.art28Route() + " is not possible in " + m.country()
                        + ", a country the PPC designated as equivalent: Art. 28 does not apply there. Allowed: "
                        + "EQUIVALENT_COUNTRY (or no route)", DesignatedCountries.ARTICLE));
            } else if (!DesignatedCountries.isDesignated(m.country())
                    && m.art28Route() == Art28Route.EQUIVALENT_COUNTRY) {
                reasons.add(new JointUseRefusal.Reason(field, "EQUIVALENT_COUNTRY is not possible in " + m.country()
                        + ": only the EU and EEA states and the United Kingdom are designated by the PPC. Allowed: "
                        + "RECIPIENT_SYSTEM (体制整備, Rule 16) or CONSENT_28_1", DesignatedCountries.ARTICLE));
            }
        }
        return reasons;
    }

    /** Refuses a definition with a route its member's country cannot have (Art. 28(1)). */
    public static void requireRoutesPossible(JointUseDefinition definition) {
        List<JointUseRefusal.Reason> reasons = refusals(definition);
        if (!reasons.isEmpty()) {
            throw new JointUseRefusal("A joint user's Art. 28 route is not possible for its country", reasons);
        }
    }
}
