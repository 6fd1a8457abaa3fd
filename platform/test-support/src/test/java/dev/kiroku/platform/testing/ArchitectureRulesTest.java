package dev.kiroku.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layer rules every service checks, tried on two small fixture services (test classes only): one whose arrows
 * point down passes; one with each wrong-way import once fails every rule, naming the import.
 */
class ArchitectureRulesTest {

    static final String GOOD = "dev.kiroku.archfixture.good";
    static final String BAD = "dev.kiroku.archfixture.bad";

    private static JavaClasses fixture(String root) {
        return new ClassFileImporter().importPackages(root);
    }

    @Test
    void aServiceWhoseArrowsPointDownPassesEveryLayerRule() {
        assertThatCode(() -> ArchitectureRules.checkLayers(GOOD, fixture(GOOD))).doesNotThrowAnyException();
    }

    @Test
    void eachWrongWayImportFailsItsRuleNamingTheImport() {
        JavaClasses bad = fixture(BAD);
        Map<String, EvaluationResult> results = ArchitectureRules.layerRules(BAD).stream()
                .collect(Collectors.toMap(ArchRule::getDescription, rule -> rule.evaluate(bad)));
        assertThat(results).allSatisfy((rule, result) -> assertThat(result.hasViolation()).as(rule).isTrue());
        assertThat(report(results, "a repository imports no service")).contains("OrderRepository", "OrderService");
        assertThat(report(results, "a service imports no REST class")).contains("OrderService", "OrderResource");
        assertThat(report(results, "REST goes through its service")).contains("OrderResource", "OrderRepository");
        assertThat(report(results, "nothing outside a feature imports its repository"))
                .contains("InvoiceService", "OrderRepository");
        assertThat(report(results, "free of cycles")).contains("invoice", "order");
        assertThatThrownBy(() -> ArchitectureRules.checkLayers(BAD, bad)).isInstanceOf(AssertionError.class);
    }

    private static String report(Map<String, EvaluationResult> results, String rulePrefix) {
        List<String> matching = results.keySet().stream().filter(d -> d.startsWith(rulePrefix) || d.contains(rulePrefix))
                .toList();
        assertThat(matching).as("a rule described as '%s'", rulePrefix).hasSize(1);
        return results.get(matching.get(0)).getFailureReport().getDetails().stream()
                .collect(Collectors.joining("\n"));
    }

}
