package dev.kiroku.k8s;

import dev.kiroku.k8s.monitoring.AlertRules;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Repository;
import dev.kiroku.k8s.support.Runbook;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/README.md, the runbook, covers what ops need and stays true to the repository it describes. */
class RunbookTest {

    @Test
    void theRunbookCoversPrerequisitesSecretsApplyOrderScalingKeyRotationBackupRestoreAndUpgrades() {
        assertThat(Runbook.read().headings()).contains(
                "Prerequisites",
                "Secrets",
                Runbook.SECRETS_YOU_CREATE,
                Runbook.SECRETS_OPERATORS_CREATE,
                "Apply order",
                "Scaling",
                "Rotating the encryption key",
                "Backup and restore",
                "Upgrading",
                "Images",
                "Network policies",
                "The realm import",
                "Monitoring",
                "Alerts");
    }

    @Test
    void everyRepositoryPathTheRunbookNamesExists() {
        Matcher m = Pattern.compile("`((?:k8s|keycloak|gateway|provision-records|joint-use|breach-reporting)/[A-Za-z0-9_./-]*)`")
                .matcher(Runbook.read().text());
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            String path = m.group(1).replaceAll("/$", "");
            if (path.contains("<") || path.contains("*")) {
                continue;
            }
            if (!Files.exists(Repository.root().resolve(path))) {
                missing.add(path);
            }
        }
        assertThat(named).isGreaterThan(5);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyApplyCommandOfTheRunbookSelectsObjectsOfItsOverlay() {
        Matcher m = Pattern.compile("kubectl apply -k k8s/overlays/([a-z0-9-]+)(?: -l '([^']+)')?").matcher(Runbook.read().text());
        int commands = 0;
        while (m.find()) {
            commands++;
            Manifests manifests = Kustomize.overlay(m.group(1)).manifests();
            if (m.group(2) != null) {
                String selector = m.group(2);
                assertThat(manifests.all()).as("objects of %s selected by %s", m.group(1), selector)
                        .anySatisfy(o -> assertThat(selects(selector, o.labels())).isTrue());
            }
        }
        assertThat(commands).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theRunbookNamesEveryOverlayAndTheKeycloakReleaseTheTestsUse() {
        String text = Runbook.read().text();
        String pom = Repository.read(Repository.root().resolve("pom.xml"));
        Matcher keycloak = Pattern.compile("<keycloak.version>(\\d+\\.\\d+)\\.").matcher(pom);
        assertThat(keycloak.find()).isTrue();

        assertThat(text).contains("Keycloak operator " + keycloak.group(1));
        for (Kustomize.Target overlay : Kustomize.overlays()) {
            assertThat(text).contains("k8s/overlays/" + overlay.name());
        }
    }

    @Test
    void everyAlertsRunbookLinkLeadsToASectionUnderAlertsNamedAfterIt() {
        Runbook runbook = Runbook.read();
        String alertsSection = runbook.section("Alerts");
        List<String> anchors = runbook.headings().stream().map(RunbookTest::anchor).toList();
        List<AlertRules.Alert> alerts = AlertRules.alerts();

        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            String url = alert.annotations().get("runbook_url");
            assertThat(url).as("runbook_url of %s", alert).startsWith("k8s/README.md#");
            assertThat(anchors).as("headings of k8s/README.md").contains(url.substring(url.indexOf('#') + 1));
            assertThat(alertsSection).as("section Alerts").contains("### " + alert.name() + "\n");
            assertThat(runbook.section(alert.name())).as("runbook of %s", alert).contains("**Act**");
        });
        List<String> documented = runbook.headings().stream().filter(h -> h.matches("Kiroku[A-Za-z]+")).toList();
        assertThat(documented).as("runbook sections of alerts that no longer exist")
                .containsExactlyInAnyOrderElementsOf(alerts.stream().map(AlertRules.Alert::name).toList());
    }

    /** The anchor a Markdown renderer (GitHub's) gives a heading: lower case, punctuation dropped, spaces as dashes. */
    static String anchor(String heading) {
        return heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Label selectors as kubectl -l takes them: key=value and key!=value, comma-separated. */
    static boolean selects(String selector, Map<String, String> labels) {
        for (String requirement : selector.split(",")) {
            String r = requirement.trim();
            boolean ok = r.contains("!=")
                    ? !r.split("!=", 2)[1].equals(labels.get(r.split("!=", 2)[0]))
                    : r.split("==?", 2)[1].equals(labels.get(r.split("==?", 2)[0]));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
