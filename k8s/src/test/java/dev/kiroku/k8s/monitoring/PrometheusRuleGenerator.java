package dev.kiroku.k8s.monitoring;

import dev.kiroku.k8s.support.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the PrometheusRule {@code k8s/base/monitoring/prometheusrule.yaml} from the plain Prometheus rule file beside
 * it, {@code kiroku-alerts.rules.yaml}: the rule file is the one source of the alert rules (promtool checks and
 * unit-tests it, the local Prometheus of {@code ./kiroku up --monitoring} loads it), and prometheus-operator wants the
 * same groups under {@code spec}. Kustomize cannot embed a file's content as a custom resource's spec, so the
 * PrometheusRule is generated text: the rule file's groups, comments and layout kept, indented under {@code spec:}.
 * Regenerate with {@code ./mvnw -B verify -pl k8s -Dkiroku.prometheus-rule.regenerate=true}; the build fails while the
 * committed file differs from what this makes of the rule file.
 */
public final class PrometheusRuleGenerator {

    static final String HEADER = """
            # GENERATED from kiroku-alerts.rules.yaml (this directory), the one source of Kiroku's alert rules, by
            # k8s/src/test/java/dev/kiroku/k8s/monitoring/PrometheusRuleGenerator.java: edit the rule file, then regenerate
            # this one with ./mvnw -B verify -pl k8s -Dkiroku.prometheus-rule.regenerate=true
            # The build fails while this file differs from what the generator makes of the rule file.
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: kiroku-alerts
              labels:
                app.kubernetes.io/name: kiroku
            spec:
            """;

    private PrometheusRuleGenerator() {
    }

    public static Path rulesFile(Path root) {
        return root.resolve("k8s/base/monitoring/kiroku-alerts.rules.yaml");
    }

    public static Path outputFile(Path root) {
        return root.resolve("k8s/base/monitoring/prometheusrule.yaml");
    }

    /** The PrometheusRule for the current rule file: its lines from {@code groups:} on, indented by two spaces. */
    public static String generate(Path root) {
        StringBuilder out = new StringBuilder(HEADER);
        boolean groups = false;
        for (String line : Repository.read(rulesFile(root)).lines().toList()) {
            groups |= line.startsWith("groups:");
            if (groups) {
                out.append(line.isBlank() ? "" : "  " + line).append('\n');
            }
        }
        if (!groups) {
            throw new IllegalStateException(rulesFile(root) + " has no top-level \"groups:\"");
        }
        return out.toString();
    }

    public static void write(Path root) {
        try {
            Files.writeString(outputFile(root), generate(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
