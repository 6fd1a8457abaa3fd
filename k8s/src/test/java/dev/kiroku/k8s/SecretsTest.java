package dev.kiroku.k8s;

import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.OperatorConventions;
import dev.kiroku.k8s.support.Repository;
import dev.kiroku.k8s.support.Runbook;
import dev.kiroku.k8s.support.SecretReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Secret is committed; every Secret the manifests name is one the runbook tells the installer to create (with the
 * keys read from it) or one an operator creates by its conventions.
 */
class SecretsTest {

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @Test
    void noSecretIsCommittedOrGeneratedByKustomize() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repository.k8s())) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(Repository.k8s().resolve("target")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .forEach(p -> {
                        String text = Repository.read(p);
                        if (text.matches("(?s).*(^|\\n)kind:\\s*Secret\\b.*")) {
                            found.add(p + ": kind: Secret");
                        }
                        if (text.contains("secretGenerator")) {
                            found.add(p + ": secretGenerator");
                        }
                    });
        }
        for (Kustomize.Target target : Kustomize.targets()) {
            target.manifests().all().stream().filter(m -> m.kind().equals("Secret"))
                    .forEach(m -> found.add(target.name() + ": renders " + m));
        }
        assertThat(found).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everySecretTheManifestsNameIsOneTheRunbookSaysToCreateWithTheKeysReadFromIt(Kustomize.Target target) {
        Runbook runbook = Runbook.read();
        Map<String, Set<String>> youCreate = runbook.secretTable(Runbook.SECRETS_YOU_CREATE);
        Map<String, Set<String>> operatorsCreate = runbook.secretTable(Runbook.SECRETS_OPERATORS_CREATE);
        List<String> undocumented = new ArrayList<>();

        for (SecretReferences.Reference ref : SecretReferences.of(target.manifests())) {
            Set<String> keys = youCreate.containsKey(ref.secret()) ? youCreate.get(ref.secret()) : operatorsCreate.get(ref.secret());
            if (keys == null) {
                undocumented.add(ref + ": not in the runbook's secret tables");
            } else if (ref.key() != null && !keys.contains(ref.key())) {
                undocumented.add(ref + ": key " + ref.key() + " not documented (documented: " + keys + ")");
            } else if (ref.asEnvironment() && !keys.stream().allMatch(k -> k.matches("[A-Z_][A-Z0-9_]*"))) {
                undocumented.add(ref + ": read as environment variables, but its documented keys " + keys
                        + " are not variable names");
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everySecretTheRunbookSaysToCreateIsNamedByTheManifestsAndHasACreateCommand() {
        Runbook runbook = Runbook.read();
        Set<String> named = new LinkedHashSet<>();
        for (Kustomize.Target target : Kustomize.targets()) {
            SecretReferences.of(target.manifests()).forEach(r -> named.add(r.secret()));
        }
        Map<String, Set<String>> youCreate = runbook.secretTable(Runbook.SECRETS_YOU_CREATE);

        assertThat(youCreate).isNotEmpty();
        assertThat(named).as("Secrets the manifests name").containsAll(youCreate.keySet());
        for (String secret : youCreate.keySet()) {
            assertThat(runbook.text()).as("a command that creates %s", secret)
                    .containsPattern("kubectl -n kiroku create secret (generic|tls) " + Pattern.quote(secret) + "\\s");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everySecretAnOperatorCreatesIsNamedAsThatOperatorNamesIt(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Set<String> byConvention = new LinkedHashSet<>();
        installation.cnpgClusters().forEach(c -> byConvention.add(OperatorConventions.cnpgCaSecret(c.name())));
        byConvention.add(OperatorConventions.keycloakInitialAdminSecret(installation.keycloak().name()));

        Set<String> documented = Runbook.read().secretTable(Runbook.SECRETS_OPERATORS_CREATE).keySet();

        assertThat(byConvention).containsAll(documented);
        assertThat(documented).as("the CA Secrets the services mount are documented")
                .containsAll(SecretReferences.of(target.manifests()).stream().map(SecretReferences.Reference::secret)
                        .filter(byConvention::contains).toList());
    }
}
