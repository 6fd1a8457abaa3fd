package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.CounterpartyKind;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.ForeignTransfer;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.RecordItem;
import dev.kiroku.provisionrecords.provision.RecordMethod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rule tables applied together: an assessment of a kind of provision, and the check of one event. */
public final class ProvisionRules {

    /** The id of the refusal of an Art. 28 route the counterparty's country cannot have. */
    static final String ROUTE_NOT_FOR_COUNTRY = "art28-route-not-for-country";

    private ProvisionRules() {
    }

    /** What the law asks of a kind of provision (the assessment endpoint answers this before any data is sent). */
    public static Assessment assess(Facts facts) {
        List<RuleViolation> violations = new ArrayList<>(combination(facts));
        RecordRequirementRules.Row requirement = RecordRequirementRules.decide(facts);
        RequiredItemRules.Row items = RequiredItemRules.rowFor(facts.direction(), facts.basis(), requirement.required());
        MethodRules.Row method = MethodRules.rowFor(facts.method());
        Optional<RuleViolation> methodRefusal = MethodRules.check(facts);
        methodRefusal.ifPresent(violations::add);
        RetentionRules.Row retention = RetentionRules.rowFor(facts.method(), requirement.required());
        return new Assessment(requirement, items, method, methodRefusal.isEmpty(), retention, violations);
    }

    /**
     * Every rule the event breaks: combinations the law does not allow, a method the basis does not allow, each
     * required item that is missing, and a business retention shorter than the law's. Empty when the event may be
     * recorded.
     */
    public static List<RuleViolation> check(ProvisionEvent event, LocalDate recordedOn) {
        return check(event, recordedOn, assess(Facts.of(event)));
    }

    /** {@link #check(ProvisionEvent, LocalDate)} with the event's assessment already made (it is made once). */
    public static List<RuleViolation> check(ProvisionEvent event, LocalDate recordedOn, Assessment assessment) {
        List<RuleViolation> violations = new ArrayList<>(assessment.violations());
        violations.addAll(dates(event));
        violations.addAll(foreignTransfer(event));
        for (RecordItem item : assessment.requiredItems()) {
            if (missing(item, event)) {
                String rule = assessment.items().items().contains(item) ? assessment.items().rule()
                        : assessment.method().rule();
                violations.add(new RuleViolation(assessment.items().items().contains(item) ? "items-" + assessment.items().id()
                        : "method-" + assessment.method().id(), item.field(), "required: " + item.description(), rule));
            }
        }
        if (event.retainUntil() != null && violations.isEmpty()) {
            LocalDate legal = RetentionRules.legalRetainUntil(assessment.retention(), event.lastProvisionDay(),
                    recordedOn);
            if (legal == null || event.retainUntil().isBefore(legal)) {
                violations.add(new RuleViolation("retention-" + assessment.retention().id(), "retainUntil", "a business policy may only lengthen the legal "
                        + "retention" + (legal == null ? " (open period: kept until the period ends)" : ", which ends on "
                        + legal), assessment.retention().rule()));
            }
        }
        return violations;
    }

    /** Combinations the law does not know. */
    static List<RuleViolation> combination(Facts facts) {
        List<RuleViolation> violations = new ArrayList<>();
        if (facts.basis() == LegalBasis.FROM_NON_BUSINESS && facts.direction() != Direction.RECEIVED) {
            violations.add(new RuleViolation("non-business-received-only", "legalBasis", "applies only to data received from a provider that is not "
                    + "a business", "APPI Rule 24(1)(iii)"));
        }
        if (facts.basis() == LegalBasis.CONSENT_28_1 && !facts.foreign()) {
            violations.add(new RuleViolation("consent-28-1-foreign-only", "counterparty.country", "consent under Art. 28(1) is for a third party "
                    + "in a foreign country", "APPI Art. 28(1)"));
        }
        if (facts.basis() == LegalBasis.CONSENT_28_1 && facts.designatedCountry()) {
            violations.add(new RuleViolation("consent-28-1-designated-country", "legalBasis", facts.country() + " is designated by the PPC as having an "
                    + "equivalent regime, so Art. 28(1) does not apply there: a provision on the person's consent is "
                    + "based on Art. 27(1) (CONSENT_27_1)", DesignatedCountries.ARTICLE));
        }
        if (facts.direction() == Direction.PROVIDED && facts.foreign() && facts.route() == null) {
            violations.add(new RuleViolation("art28-route-required", "foreignTransfer.route", "a provision to a third party in a foreign "
                    + "country must name its Art. 28 route", "APPI Art. 28(1)"));
        }
        if (facts.route() != null && !facts.foreign()) {
            violations.add(new RuleViolation("art28-route-foreign-only", "foreignTransfer", "only for a counterparty in a foreign country",
                    "APPI Art. 28(1)"));
        }
        if (facts.basis() == LegalBasis.CONSENT_28_1 && facts.route() != null
                && facts.route() != Art28Route.CONSENT_28_1) {
            violations.add(new RuleViolation("art28-consent-route", "foreignTransfer.route", "a provision on Art. 28(1) consent takes the "
                    + "route CONSENT_28_1", "APPI Art. 28(1)"));
        }
        if (facts.route() != null && facts.foreign()
                && !DesignatedCountries.allowedRoutes(facts.country()).contains(facts.route())) {
            violations.add(routeNotForCountry(facts));
        }
        if (facts.route() == Art28Route.EXCEPTION_27_1 && !facts.basis().isArt27_1Exception()) {
            violations.add(new RuleViolation("art28-exception-route-basis", "foreignTransfer.route", "the Art. 27(1) route needs an Art. 27(1) "
                    + "exception as the legal basis", "APPI Art. 28(1)"));
        }
        return violations;
    }

    /** Route RECIPIENT_SYSTEM: the provider records where its Art. 28(3) / Rule 18 measures are documented. */
    private static List<RuleViolation> foreignTransfer(ProvisionEvent event) {
        ForeignTransfer transfer = event.foreignTransfer();
        if (transfer == null) {
            return List.of();
        }
        if (transfer.route() == Art28Route.RECIPIENT_SYSTEM && event.direction() == Direction.PROVIDED
                && (transfer.measuresRef() == null || transfer.measuresRef().isBlank())) {
            return List.of(new RuleViolation("recipient-system-measures-required", "foreignTransfer.measuresRef", "required on the route RECIPIENT_SYSTEM: "
                    + "where the provider's measures to keep the recipient's system in place are documented "
                    + "(periodic check, action when it lapses)", "APPI Art. 28(3), Rule 18(1)"));
        }
        if (transfer.route() != Art28Route.RECIPIENT_SYSTEM && transfer.measuresRef() != null) {
            return List.of(new RuleViolation("measures-ref-recipient-system-only", "foreignTransfer.measuresRef", "only for the route RECIPIENT_SYSTEM",
                    "APPI Art. 28(3)"));
        }
        return List.of();
    }

    /** A route the counterparty's country cannot have: Art. 28(1) names the allowed ones. */
    static RuleViolation routeNotForCountry(Facts facts) {
        var allowed = DesignatedCountries.allowedRoutes(facts.country()).stream().map(Enum::name).sorted().toList();
        String why = facts.designatedCountry()
                ? facts.country() + " is designated by the PPC as having an equivalent regime (" + DesignatedCountries
                        .of(facts.country()).orElseThrow().ground().description() + "): Art. 28 does not reach it"
                : facts.country() + " is not designated by the PPC as having an equivalent regime (designated: the EU "
                        + "and EEA states and the United Kingdom): the recipient needs a system meeting the Rule 16 "
                        + "standard (体制整備) or the person's consent under Art. 28(1)";
        return new RuleViolation(ROUTE_NOT_FOR_COUNTRY, "foreignTransfer.route", "route " + facts.route() + " is not possible for a "
                + "counterparty in " + facts.country() + ". " + why + ". Allowed routes: " + String.join(", ", allowed),
                DesignatedCountries.ARTICLE);
    }

    /** Whether a violation is a claimed Art. 28 route the country cannot have (the assessment answers it 422). */
    public static boolean isRouteNotForCountry(RuleViolation v) {
        return ROUTE_NOT_FOR_COUNTRY.equals(v.id());
    }

    private static List<RuleViolation> dates(ProvisionEvent event) {
        List<RuleViolation> violations = new ArrayList<>();
        if (event.method() == RecordMethod.BULK) {
            if (event.providedOn() != null) {
                violations.add(new RuleViolation("bulk-has-period", "providedOn", "a bulk record has a period (first and last day), "
                        + "not a single date", "APPI Rule 19(2) proviso; PPC Q&A 8-13"));
            }
        } else if (event.period() != null) {
            violations.add(new RuleViolation("period-only-bulk", "period", "only a bulk record has a period; give providedOn",
                    "APPI Rule 19(2)"));
        }
        if (event.period() != null && event.period().last() != null
                && event.period().last().isBefore(event.period().first())) {
            violations.add(new RuleViolation("period-order", "period.last", "must not be before period.first",
                    "APPI Rule 19(2) proviso; PPC Q&A 8-13"));
        }
        if (event.counterparty().kind() == CounterpartyKind.MANY_UNSPECIFIED
                && event.direction() == Direction.RECEIVED) {
            violations.add(new RuleViolation("received-identified-provider", "counterparty.kind", "data is received from an identified provider",
                    "APPI Art. 30(1)(i)"));
        }
        return violations;
    }

    private static boolean missing(RecordItem item, ProvisionEvent event) {
        var counterparty = event.counterparty();
        return switch (item) {
            case PROVISION_DATE -> event.providedOn() == null && (event.period() == null || event.period().first() == null);
            case COUNTERPARTY -> counterparty.kind() != CounterpartyKind.MANY_UNSPECIFIED && blank(counterparty.name());
            case COUNTERPARTY_ADDRESS -> blank(counterparty.address());
            case COUNTERPARTY_REPRESENTATIVE -> counterparty.kind() == CounterpartyKind.CORPORATION
                    && blank(counterparty.representative());
            case SUBJECT -> blank(event.subject().identifier());
            case DATA_ITEMS -> event.dataItems().isEmpty() && event.otherItems().isEmpty();
            case ACQUISITION_CIRCUMSTANCES -> blank(event.acquisitionCircumstances());
            case PPC_PUBLICATION -> blank(event.ppcPublicationRef());
            case CONTRACT_REFERENCE -> blank(event.contractRef());
            case PERIOD_FIRST -> event.period() == null || event.period().first() == null;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
