package dev.kiroku.k8s;

import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Network;
import dev.kiroku.k8s.support.Network.Endpoint;
import dev.kiroku.k8s.support.Network.Port;
import dev.kiroku.k8s.support.OperatorConventions;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies allow exactly the connections the design names and nothing else: default deny; the ingress
 * controller to the gateway (and to Keycloak's login and token endpoints); the gateway to the services; the services
 * to their database and Keycloak; provision-records, joint-use and breach-reporting to each other's witness endpoint
 * (and, with the outside sink shipped, to the object store); breach-reporting to provision-records and the SMTP
 * relay; DNS; Prometheus of the
 * namespace monitoring to the metrics ports; and what the
 * operators' pods need (CloudNativePG instances among themselves, with their operator, the API server and the backup
 * store; Keycloak to its database and its peers).
 */
class NetworkPolicyTest {

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theNamespaceDeniesAllIngressAndEgressByDefault(Kustomize.Target target) {
        List<NetworkPolicy> denyAll = target.manifests().list(NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels() == null
                        || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                .filter(p -> p.getSpec().getPodSelector().getMatchExpressions() == null
                        || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                .filter(p -> p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))
                .filter(p -> p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                .filter(p -> p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty())
                .toList();

        assertThat(denyAll).as("a policy selecting every pod with no rule in either direction").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyPodSetOfTheInstallationHasItsOwnPolicyInBothDirections(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Network network = installation.network();

        for (Endpoint pods : installation.pods()) {
            for (String direction : List.of("Ingress", "Egress")) {
                assertThat(network.selecting(pods, direction))
                        .as("%s policies of %s besides those for every pod", direction, pods)
                        .anySatisfy(p -> assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNotEmpty());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void connectionsAreExactlyTheOnesTheDesignAllows(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Network network = installation.network();
        Set<String> expected = designedConnections(installation);

        List<Endpoint> everyone = new ArrayList<>(installation.pods());
        everyone.addAll(Network.OUTSIDE_WORLD);
        Set<String> actual = new TreeSet<>();
        for (Endpoint from : everyone) {
            for (Endpoint to : everyone) {
                for (Port port : to.ports()) {
                    if (from.isPodIn(Network.NAMESPACE) || to.isPodIn(Network.NAMESPACE)) {
                        if (network.allows(from, to, port)) {
                            actual.add(connection(from, to, port));
                        }
                    }
                }
            }
        }
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        Set<String> blocked = new TreeSet<>(expected);
        blocked.removeAll(actual);

        assertThat(unexpected).as("allowed, but not by design").isEmpty();
        assertThat(blocked).as("by design, but blocked").isEmpty();
    }

    /**
     * The design, stated once in terms of the installation: every pair (and port) not listed here must be blocked.
     * Outside-world connections that do not touch the namespace are out of the policies' scope and not listed.
     */
    private static Set<String> designedConnections(Installation installation) {
        Set<String> allowed = new LinkedHashSet<>();
        List<Endpoint> pods = installation.pods();
        Endpoint keycloak = installation.pod(installation.keycloak().name());
        Endpoint realmImport = Network.podOfRealmImport(installation.keycloak().name());
        Port keycloakHttp = port(keycloak, installation.keycloakHttpPort());
        Manifests.Manifest keycloakDb = clusterBehind(installation,
                installation.keycloak().spec().path("db").path("host").asText());

        // Every pod in the namespace (the installation's and any other) resolves names through kube-dns.
        List<Endpoint> inNamespace = new ArrayList<>(pods);
        Network.OUTSIDE_WORLD.stream().filter(e -> e.isPodIn(Network.NAMESPACE)).forEach(inNamespace::add);
        for (Endpoint pod : inNamespace) {
            Network.KUBE_DNS.ports().forEach(p -> allowed.add(connection(pod, Network.KUBE_DNS, p)));
        }
        // The ingress controller: the gateway's API and Keycloak's logins and token endpoint.
        Repository.ServiceModule gatewayModule = Repository.services().stream()
                .filter(s -> !s.gatewayBackends().isEmpty()).findFirst().orElseThrow();
        Endpoint gateway = installation.pod(gatewayModule.name());
        allowed.add(connection(Network.INGRESS_CONTROLLER, gateway, port(gateway, gatewayModule.httpPort())));
        allowed.add(connection(Network.INGRESS_CONTROLLER, keycloak, keycloakHttp));
        // The gateway to every service of its route table.
        for (String backend : gatewayModule.gatewayBackends().keySet()) {
            Endpoint service = installation.pod(backend);
            allowed.add(connection(gateway, service, port(service, Repository.service(backend).httpPort())));
        }
        for (Repository.ServiceModule module : Repository.services()) {
            Endpoint service = installation.pod(module.name());
            // Every service validates tokens with Keycloak.
            allowed.add(connection(service, keycloak, keycloakHttp));
            // A service with a database reaches the cluster that holds it.
            if (module.database().isPresent()) {
                String url = installation.environment(module).get("QUARKUS_DATASOURCE_JDBC_URL");
                Manifests.Manifest cluster = clusterBehind(installation, jdbcHost(url));
                Endpoint db = installation.pod(cluster.name());
                allowed.add(connection(service, db, port(db, OperatorConventions.POSTGRES_PORT)));
            }
        }
        // breach-reporting: provision-records (who was affected) and the SMTP relay outside the cluster.
        Endpoint breach = installation.pod("breach-reporting");
        Endpoint provisionRecords = installation.pod("provision-records");
        allowed.add(connection(breach, provisionRecords, port(provisionRecords, Repository.service("provision-records").httpPort())));
        int mailerPort = Integer.parseInt(installation.environment(Repository.service("breach-reporting")).get("QUARKUS_MAILER_PORT"));
        for (Endpoint outside : Network.OUTSIDE_WORLD) {
            if (outside.isExternal()) {
                outside.ports().stream().filter(p -> p.number() == mailerPort)
                        .forEach(p -> allowed.add(connection(breach, outside, p)));
            }
        }
        // The audit logs witness each other (C2SP tlog-witness): each of the three services' logs submits its
        // checkpoints to the other two's witness endpoint, on their HTTP port.
        List<String> witnesses = List.of("provision-records", "joint-use", "breach-reporting");
        for (String log : witnesses) {
            for (String witness : witnesses) {
                if (!log.equals(witness)) {
                    Endpoint to = installation.pod(witness);
                    allowed.add(connection(installation.pod(log), to, port(to, Repository.service(witness).httpPort())));
                }
            }
        }
        // With the outside sink shipped (components/audit-sink-s3): the service's pods reach the object store
        // (HTTPS, outside the cluster).
        for (Repository.ServiceModule module : Repository.services()) {
            if (installation.environment(module).containsKey("KIROKU_AUDIT_SINK_FILE")) {
                for (Endpoint outside : Network.OUTSIDE_WORLD) {
                    if (outside.isExternal()) {
                        outside.ports().stream().filter(p -> p.number() == 443)
                                .forEach(p -> allowed.add(connection(installation.pod(module.name()), outside, p)));
                    }
                }
            }
        }
        // Prometheus (namespace monitoring): every service's and the gateway's /q/metrics port and the PostgreSQL
        // instances' exporter; nothing else of the monitoring namespace (Grafana) reaches anything.
        for (Repository.ServiceModule module : Repository.services()) {
            Endpoint service = installation.pod(module.name());
            allowed.add(connection(Network.PROMETHEUS, service, port(service, module.httpPort())));
        }
        for (Manifests.Manifest cluster : installation.cnpgClusters()) {
            Endpoint db = installation.pod(cluster.name());
            allowed.add(connection(Network.PROMETHEUS, db, port(db, OperatorConventions.CNPG_METRICS_PORT)));
        }
        // Keycloak: its database (server and realm import) and its peers (JGroups).
        Endpoint keycloakDbPods = installation.pod(keycloakDb.name());
        allowed.add(connection(keycloak, keycloakDbPods, port(keycloakDbPods, OperatorConventions.POSTGRES_PORT)));
        allowed.add(connection(realmImport, keycloakDbPods, port(keycloakDbPods, OperatorConventions.POSTGRES_PORT)));
        for (int p : List.of(OperatorConventions.KEYCLOAK_JGROUPS_PORT, OperatorConventions.KEYCLOAK_JGROUPS_FD_PORT)) {
            allowed.add(connection(keycloak, keycloak, port(keycloak, p)));
        }
        // CloudNativePG: instances among themselves and with their operator (PostgreSQL, instance manager); the API
        // server and the object store (HTTPS, and the API server's own port) outside the cluster.
        for (Manifests.Manifest cluster : installation.cnpgClusters()) {
            Endpoint db = installation.pod(cluster.name());
            for (int p : List.of(OperatorConventions.POSTGRES_PORT, OperatorConventions.CNPG_STATUS_PORT)) {
                allowed.add(connection(db, db, port(db, p)));
                allowed.add(connection(Network.CNPG_OPERATOR, db, port(db, p)));
            }
            for (Endpoint outside : Network.OUTSIDE_WORLD) {
                if (outside.isExternal()) {
                    outside.ports().stream().filter(p -> p.number() == 443 || p.number() == 6443)
                            .forEach(p -> allowed.add(connection(db, outside, p)));
                }
            }
        }
        return allowed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyAddressInTheServicesConfigurationIsReachableFromThatService(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Network network = installation.network();
        Pattern jdbc = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/");
        List<String> unreachable = new ArrayList<>();

        for (Repository.ServiceModule service : Repository.services()) {
            Endpoint from = installation.pod(service.name());
            for (Map.Entry<String, String> e : installation.environment(service).entrySet()) {
                String value = e.getValue();
                Matcher m = jdbc.matcher(value);
                Installation.Target to = null;
                if (m.find()) {
                    to = installation.resolve(m.group(1), Integer.parseInt(m.group(2))).orElse(null);
                } else if (value.startsWith("http://") && !e.getKey().endsWith("_ISSUER")) {
                    to = installation.resolve(URI.create(value)).orElse(null);
                } else if (e.getKey().equals("QUARKUS_MAILER_PORT")) {
                    Port mail = Port.tcp(Integer.parseInt(value), "mail");
                    if (!network.allows(from, Network.SMTP_RELAY, mail)) {
                        unreachable.add(service.name() + " → the SMTP relay port " + value);
                    }
                    continue;
                } else {
                    continue;
                }
                if (to == null) {
                    unreachable.add(service.name() + ": " + e.getKey() + "=" + value + " names no Service of the installation");
                } else if (!network.allows(from, to.pods(), to.port())) {
                    unreachable.add(service.name() + ": " + e.getKey() + "=" + value + " is blocked");
                }
            }
        }
        assertThat(unreachable).isEmpty();
    }

    @Test
    void theNetworkModelOpensUnselectedPodsAndClosesSelectedOnesToAllButTheirRules() {
        Manifests m = Manifests.parse(new Kustomize.Target("sample", Repository.k8s()), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: kiroku}
                spec:
                  podSelector: {matchLabels: {role: db}}
                  policyTypes: [Ingress]
                  ingress:
                    - from: [{podSelector: {matchLabels: {role: app}}}]
                      ports: [{port: postgresql}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: app, namespace: kiroku}
                spec:
                  podSelector: {matchLabels: {role: app}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]
                      ports: [{port: 25, endPort: 587}]
                    - to: [{podSelector: {matchLabels: {role: db}}}]
                """);
        Network network = new Network(m.list(NetworkPolicy.class));
        Endpoint db = Endpoint.pod("db", "kiroku", Map.of("role", "db"), List.of(Port.tcp(5432, "postgresql"), Port.tcp(8000, "status")));
        Endpoint app = Endpoint.pod("app", "kiroku", Map.of("role", "app"), List.of(Port.tcp(8080, "http")));
        Endpoint other = Endpoint.pod("other", "kiroku", Map.of("role", "other"), List.of(Port.tcp(8080, "http")));
        Endpoint relayInBlock = Endpoint.external("relay", "203.0.113.25", List.of(Port.tcp(587, "submission")));
        Endpoint relayExcepted = Endpoint.external("excepted", "203.0.113.200", List.of(Port.tcp(587, "submission")));

        assertThat(m.problems()).isEmpty();
        assertThat(network.allows(app, db, db.ports().get(0))).as("app → db on the named port").isTrue();
        assertThat(network.allows(app, db, db.ports().get(1))).as("app → db on another port").isFalse();
        assertThat(network.allows(other, db, db.ports().get(0))).as("other → db").isFalse();
        assertThat(network.allows(other, app, app.ports().get(0))).as("nothing selects app for ingress").isTrue();
        assertThat(network.allows(app, other, other.ports().get(0))).as("app's egress does not name other").isFalse();
        assertThat(network.allows(app, relayInBlock, relayInBlock.ports().get(0))).as("port range within the block").isTrue();
        assertThat(network.allows(app, relayExcepted, relayExcepted.ports().get(0))).as("except").isFalse();
    }

    private static Manifests.Manifest clusterBehind(Installation installation, String host) {
        return installation.cnpgClusters().stream()
                .filter(c -> OperatorConventions.cnpgServices(c.name()).contains(host)).findFirst()
                .orElseThrow(() -> new AssertionError(host + " is no Service of a CloudNativePG cluster"));
    }

    private static String jdbcHost(String url) {
        Matcher m = Pattern.compile("^jdbc:postgresql://([^:/]+)").matcher(url);
        assertThat(m.find()).as("JDBC URL %s", url).isTrue();
        return m.group(1);
    }

    private static Port port(Endpoint pods, int number) {
        Predicate<Port> tcp = p -> p.number() == number && p.protocol().equals("TCP");
        return pods.ports().stream().filter(tcp).findFirst()
                .orElseThrow(() -> new AssertionError(pods + " does not listen on " + number));
    }

    private static String connection(Endpoint from, Endpoint to, Port port) {
        return from + " → " + to + " " + port;
    }
}
