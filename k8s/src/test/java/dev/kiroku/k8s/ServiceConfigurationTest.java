package dev.kiroku.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.OperatorConventions;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Deployments agree with the services' own configuration (application.properties and the platform defaults):
 * ports, health endpoints, database, Keycloak, the gateway's route table, body size; and they are hardened.
 */
class ServiceConfigurationTest {

    private static final Pattern JDBC = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([A-Za-z0-9_]+)(?:\\?(.*))?$");

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void containersListenOnTheServicesHttpPortAndTheirServiceExposesIt(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            Container c = installation.container(service);
            assertThat(c.getPorts()).as("ports of %s", service.name())
                    .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .contains(tuple("http", service.httpPort()));
            Service s = target.manifests().get(Service.class, service.name());
            assertThat(s.getSpec().getPorts()).as("ports of Service %s", service.name())
                    .anySatisfy(p -> {
                        assertThat(p.getPort()).isEqualTo(service.httpPort());
                        assertThat(installation.resolve(service.name(), p.getPort()))
                                .hasValueSatisfying(t -> assertThat(t.port().number()).isEqualTo(service.httpPort()));
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void probesAskSmallRyeHealthOnTheHttpPort(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            Container c = installation.container(service);
            assertProbe(service, c, "startup", c.getStartupProbe(), "/q/health/started");
            assertProbe(service, c, "readiness", c.getReadinessProbe(), "/q/health/ready");
            assertProbe(service, c, "liveness", c.getLivenessProbe(), "/q/health/live");
            int startupBudget = c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold();
            assertThat(startupBudget).as("seconds %s may take to start (Flyway migrations included)", service.name())
                    .isGreaterThanOrEqualTo(120);
        }
    }

    private static void assertProbe(Repository.ServiceModule service, Container c, String kind, Probe probe, String path) {
        assertThat(probe).as("%s probe of %s", kind, service.name()).isNotNull();
        assertThat(probe.getHttpGet()).as("%s probe of %s is an HTTP GET", kind, service.name()).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s probe path of %s", kind, service.name()).isEqualTo(path);
        assertThat(containerPort(c, probe.getHttpGet().getPort())).as("%s probe port of %s", kind, service.name())
                .isEqualTo(service.httpPort());
    }

    private static int containerPort(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .map(ContainerPort::getContainerPort).orElse(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void containersRunAsNonRootOnAReadOnlyRootFilesystemWithoutPrivilegeEscalation(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            PodSpec pod = installation.deployment(service).getSpec().getTemplate().getSpec();
            Container c = installation.container(service);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", service.name()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", service.name()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", service.name()).isFalse();
            var sc = c.getSecurityContext();
            assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", service.name()).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", service.name()).isTrue();
            assertThat(sc.getPrivileged()).as("%s privileged", service.name()).isNotEqualTo(Boolean.TRUE);
            assertThat(sc.getCapabilities().getDrop()).as("%s drops all capabilities", service.name()).contains("ALL");
            assertThat(sc.getCapabilities().getAdd()).as("%s adds no capability", service.name()).isNullOrEmpty();
            Volume tmp = volumeAt(pod, c, "/tmp").orElseThrow(() -> new AssertionError(service.name() + " has no /tmp"));
            assertThat(tmp.getEmptyDir()).as("%s: /tmp is an emptyDir", service.name()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void containersRequestAndLimitCpuAndMemoryAndTheAutoscalerOwnsTheReplicaCount(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            var resources = installation.container(service).getResources();
            for (String r : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(r);
                Quantity limit = resources.getLimits().get(r);
                assertThat(request).as("%s requests %s", service.name(), r).isNotNull();
                assertThat(limit).as("%s limits %s", service.name(), r).isNotNull();
                assertThat(Quantity.getAmountInBytes(limit)).as("%s %s limit ≥ request", service.name(), r)
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(request));
            }
            assertThat(installation.deployment(service).getSpec().getReplicas())
                    .as("%s: no replicas in the Deployment, so that applying it never undoes the autoscaler", service.name())
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyConfigMapAndServiceAccountAPodNamesExists(Kustomize.Target target) {
        Manifests m = target.manifests();
        List<String> missing = new ArrayList<>();
        for (Deployment d : m.list(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String where = d.getMetadata().getName();
            if (pod.getServiceAccountName() != null && m.find(ServiceAccount.class, pod.getServiceAccountName()).isEmpty()) {
                missing.add(where + ": ServiceAccount " + pod.getServiceAccountName());
            }
            for (Container c : pod.getContainers()) {
                if (c.getEnvFrom() != null) {
                    c.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null)
                            .map(f -> f.getConfigMapRef().getName())
                            .filter(n -> m.find(ConfigMap.class, n).isEmpty())
                            .forEach(n -> missing.add(where + ": ConfigMap " + n));
                }
                if (c.getEnv() != null) {
                    for (EnvVar e : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                            var ref = e.getValueFrom().getConfigMapKeyRef();
                            Optional<ConfigMap> cm = m.find(ConfigMap.class, ref.getName());
                            if (cm.isEmpty() || !cm.get().getData().containsKey(ref.getKey())) {
                                missing.add(where + ": ConfigMap key " + ref.getName() + "/" + ref.getKey());
                            }
                        }
                    }
                }
            }
            if (pod.getVolumes() != null) {
                pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).map(v -> v.getConfigMap().getName())
                        .filter(n -> m.find(ConfigMap.class, n).isEmpty())
                        .forEach(n -> missing.add(where + ": ConfigMap volume " + n));
            }
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theGatewayRoutesEveryBackendOfItsRouteTableToThatServicesPort(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        List<Repository.ServiceModule> gateways = Repository.services().stream()
                .filter(s -> !s.gatewayBackends().isEmpty()).toList();
        assertThat(gateways).as("modules with a route table").isNotEmpty();

        for (Repository.ServiceModule gateway : gateways) {
            Map<String, String> env = installation.environment(gateway);
            gateway.gatewayBackends().forEach((backend, localDefault) -> {
                Repository.ServiceModule service = Repository.service(backend);
                assertThat(localDefault.getPort()).as("application.properties default of backend %s", backend)
                        .isEqualTo(service.httpPort());
                String variable = "KIROKU_GATEWAY_BACKENDS_" + backend.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
                assertThat(env).as("%s environment", gateway.name()).containsKey(variable);
                Optional<Installation.Target> t = installation.resolve(URI.create(env.get(variable)));
                assertThat(t).as("%s = %s leads to a Service", variable, env.get(variable)).isPresent();
                assertThat(t.get().pods().name()).as("pods behind %s", variable).isEqualTo(service.name());
                assertThat(t.get().port().number()).as("port behind %s", variable).isEqualTo(service.httpPort());
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void eachServiceWithADatabaseReachesItsOwnDatabaseOverVerifiedTls(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        List<Repository.ServiceModule> owners = Repository.services().stream().filter(s -> s.database().isPresent()).toList();
        assertThat(owners).as("services that own a database").isNotEmpty();

        for (Repository.ServiceModule service : owners) {
            String url = installation.environment(service).get("QUARKUS_DATASOURCE_JDBC_URL");
            assertThat(url).as("QUARKUS_DATASOURCE_JDBC_URL of %s", service.name()).isNotNull();
            Matcher m = JDBC.matcher(url);
            assertThat(m.matches()).as("a PostgreSQL JDBC URL: %s", url).isTrue();
            String host = m.group(1);
            int port = m.group(2) == null ? OperatorConventions.POSTGRES_PORT : Integer.parseInt(m.group(2));
            assertThat(m.group(3)).as("database of %s", service.name()).isEqualTo(service.database().orElseThrow());
            Manifests.Manifest cluster = installation.cnpgClusters().stream()
                    .filter(c -> host.equals(c.name() + "-rw")).findFirst()
                    .orElseThrow(() -> new AssertionError(service.name() + ": " + host + " is not the read-write "
                            + "Service of a CloudNativePG cluster of the installation"));
            assertThat(port).isEqualTo(OperatorConventions.POSTGRES_PORT);

            Map<String, String> params = query(m.group(4));
            assertThat(params).as("JDBC parameters of %s", service.name()).containsEntry("sslmode", "verify-full");
            String rootCert = params.get("sslrootcert");
            assertThat(rootCert).as("sslrootcert of %s", service.name()).isNotBlank();
            assertMountedFromSecret(installation, service, rootCert, OperatorConventions.cnpgCaSecret(cluster.name()), "ca.crt");

            Container c = installation.container(service);
            assertThat(secretRef(c, "QUARKUS_DATASOURCE_USERNAME")).as("username of %s", service.name()).isPresent();
            assertThat(secretRef(c, "QUARKUS_DATASOURCE_PASSWORD")).as("password of %s", service.name()).isPresent();
            assertThat(secretRef(c, "QUARKUS_DATASOURCE_USERNAME").get()[0])
                    .isEqualTo(secretRef(c, "QUARKUS_DATASOURCE_PASSWORD").get()[0]);
        }
    }

    private static void assertMountedFromSecret(Installation installation, Repository.ServiceModule service, String file,
                                                String secret, String key) {
        PodSpec pod = installation.deployment(service).getSpec().getTemplate().getSpec();
        Container c = installation.container(service);
        VolumeMount mount = c.getVolumeMounts().stream().filter(vm -> file.startsWith(vm.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(service.name() + ": nothing mounted at " + file));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + ": no volume " + mount.getName()));
        assertThat(volume.getSecret()).as("%s: %s comes from a Secret", service.name(), file).isNotNull();
        assertThat(volume.getSecret().getSecretName()).isEqualTo(secret);
        String relative = file.substring(mount.getMountPath().length() + 1);
        assertThat(volume.getSecret().getItems()).as("%s: only %s of %s is projected", service.name(), key, secret)
                .singleElement().satisfies(item -> {
                    assertThat(item.getKey()).isEqualTo(key);
                    assertThat(item.getPath()).isEqualTo(relative);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyServiceValidatesTokensOfThisInstallationsKeycloakRealmAndAudience(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Properties web = Repository.platformDefaults("web");
        String localServer = Repository.resolveDefault(web.getProperty("quarkus.oidc.auth-server-url"));
        String realmPath = URI.create(localServer).getPath();
        String realm = installation.realmImport().spec().path("realm").path("realm").asText();
        assertThat(realmPath).as("the realm the tests and the local stack use").isEqualTo("/realms/" + realm);
        String publicUrl = installation.keycloak().spec().path("hostname").path("hostname").asText();

        for (Repository.ServiceModule service : Repository.services()) {
            Map<String, String> env = installation.environment(service);
            URI server = URI.create(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
            assertThat(server.getPath()).as("%s realm", service.name()).isEqualTo(realmPath);
            Optional<Installation.Target> keycloak = installation.resolve(server);
            assertThat(keycloak).as("%s: %s leads to Keycloak", service.name(), server).isPresent();
            assertThat(keycloak.get().pods().name()).isEqualTo(installation.keycloak().name());
            assertThat(env.get("QUARKUS_OIDC_TOKEN_ISSUER")).as("%s token issuer", service.name())
                    .isEqualTo(publicUrl + realmPath);
            assertThat(env.getOrDefault("QUARKUS_OIDC_TOKEN_AUDIENCE", web.getProperty("quarkus.oidc.token.audience")))
                    .as("%s token audience", service.name()).isEqualTo(web.getProperty("quarkus.oidc.token.audience"));
            if (env.containsKey("QUARKUS_OIDC_CLIENT_CLIENT_ID")) {
                assertServiceAccount(installation, service, env, server);
            }
        }
    }

    private static void assertServiceAccount(Installation installation, Repository.ServiceModule service,
                                             Map<String, String> env, URI server) {
        String clientId = env.get("QUARKUS_OIDC_CLIENT_CLIENT_ID");
        assertThat(env.get("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL")).as("%s token endpoint server", service.name())
                .isEqualTo(server.toString());
        JsonNode realm = installation.realmImport().spec().path("realm");
        JsonNode client = null;
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                client = c;
            }
        }
        assertThat(client).as("%s: client %s is in the realm import", service.name(), clientId).isNotNull();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).as("%s is a service account", clientId).isTrue();
        String placeholder = client.path("secret").asText().replaceAll("^\\$\\{(.*)}$", "$1");
        JsonNode fromSecret = installation.realmImport().spec().path("placeholders").path(placeholder).path("secret");
        String[] ref = secretRef(installation.container(service), "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET")
                .orElseThrow(() -> new AssertionError(service.name() + ": QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET "
                        + "does not come from a Secret"));
        assertThat(ref).as("%s reads the client secret Keycloak imports for %s", service.name(), clientId)
                .containsExactly(fromSecret.path("name").asText(), fromSecret.path("key").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void publicHostNamesAgreeAcrossIngressesKeycloakTokensAndTheSwaggerUiRedirect(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Ingress api = ingressTo(target.manifests(), service -> target.manifests().find(Deployment.class, service).isPresent());
        Ingress auth = ingressTo(target.manifests(),
                service -> service.equals(OperatorConventions.keycloakService(installation.keycloak().name())));

        String apiHost = onlyHost(api);
        String authHost = onlyHost(auth);
        assertThat(apiHost).isNotEqualTo(authHost);
        URI keycloakUrl = URI.create(installation.keycloak().spec().path("hostname").path("hostname").asText());
        assertThat(keycloakUrl.getScheme()).isEqualTo("https");
        assertThat(keycloakUrl.getHost()).as("Keycloak's hostname").isEqualTo(authHost);
        for (Repository.ServiceModule service : Repository.services()) {
            assertThat(URI.create(installation.environment(service).get("QUARKUS_OIDC_TOKEN_ISSUER")).getHost())
                    .as("issuer host of %s", service.name()).isEqualTo(authHost);
        }
        String swaggerLogin = installation.environment(Repository.services().stream()
                .filter(s -> s.name().equals("gateway")).findFirst().orElseThrow())
                .get("KIROKU_GATEWAY_OPENAPI_OIDC_PUBLIC_URL");
        assertThat(URI.create(swaggerLogin).getHost()).as("the Swagger UI signs in at the public Keycloak")
                .isEqualTo(authHost);
        for (JsonNode client : installation.realmImport().spec().path("realm").path("clients")) {
            for (JsonNode uri : client.path("redirectUris")) {
                assertThat(URI.create(uri.asText().replace("*", "x")).getHost())
                        .as("redirect URI of %s", client.path("clientId").asText()).isEqualTo(apiHost);
            }
            for (JsonNode origin : client.path("webOrigins")) {
                assertThat(origin.asText()).as("web origin of %s: the browser's token request comes from the gateway",
                        client.path("clientId").asText()).isEqualTo("https://" + apiHost);
            }
        }
        List<String> published = auth.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .map(HTTPIngressPath::getPath).toList();
        assertThat(published).as("Keycloak publishes logins and tokens, not its admin console")
                .containsExactlyInAnyOrder("/realms/", "/resources/");
    }

    private static Ingress ingressTo(Manifests m, java.util.function.Predicate<String> backendService) {
        List<Ingress> matching = m.list(Ingress.class).stream()
                .filter(i -> i.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                        .allMatch(p -> backendService.test(p.getBackend().getService().getName())))
                .toList();
        assertThat(matching).hasSize(1);
        Ingress ingress = matching.get(0);
        Installation installation = new Installation(m);
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                IngressBackend backend = path.getBackend();
                int port = backend.getService().getPort().getNumber() != null ? backend.getService().getPort().getNumber()
                        : m.get(Service.class, backend.getService().getName()).getSpec().getPorts().stream()
                        .filter(p -> backend.getService().getPort().getName().equals(p.getName())).findFirst()
                        .orElseThrow().getPort();
                assertThat(installation.resolve(backend.getService().getName(), port))
                        .as("Ingress %s backend %s:%s", ingress.getMetadata().getName(), backend.getService().getName(), port)
                        .isPresent();
            }
        }
        return ingress;
    }

    private static String onlyHost(Ingress ingress) {
        List<String> ruleHosts = ingress.getSpec().getRules().stream().map(r -> r.getHost()).distinct().toList();
        assertThat(ruleHosts).as("hosts of Ingress %s", ingress.getMetadata().getName()).hasSize(1);
        assertThat(ingress.getSpec().getTls()).as("TLS of Ingress %s", ingress.getMetadata().getName())
                .singleElement().satisfies(tls -> {
                    assertThat(tls.getHosts()).containsExactlyElementsOf(ruleHosts);
                    assertThat(tls.getSecretName()).isNotBlank();
                });
        assertThat(ingress.getSpec().getIngressClassName()).isNotBlank();
        return ruleHosts.get(0);
    }

    @Test
    void theGatewayCutsAChunkedBodyAtTheLimitOfTheServiceItGoesTo() {
        Repository.ServiceModule gateway = Repository.service("gateway");
        for (String backend : gateway.gatewayBackends().keySet()) {
            Repository.ServiceModule service = Repository.service(backend);
            String limit = service.properties().getProperty("quarkus.http.limits.max-body-size",
                    Repository.platformDefaults("web").getProperty("quarkus.http.limits.max-body-size"));
            String atGateway = gateway.properties().getProperty("kiroku.gateway.backends." + backend + ".max-body-size");
            assertThat(atGateway).as("kiroku.gateway.backends.%s.max-body-size", backend).isNotNull();
            assertThat(bytes(atGateway)).as("the gateway's limit for %s vs the service's %s", backend, limit)
                    .isEqualTo(bytes(limit));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theIngressAcceptsTheRequestBodiesTheGatewayAccepts(Kustomize.Target target) {
        Manifests m = target.manifests();
        for (Ingress ingress : m.list(Ingress.class)) {
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String backend = path.getBackend().getService().getName();
                    if (m.find(Deployment.class, backend).isEmpty()) {
                        continue;
                    }
                    Repository.ServiceModule service = Repository.service(backend);
                    String limit = service.properties().getProperty("quarkus.http.limits.max-body-size",
                            Repository.platformDefaults("web").getProperty("quarkus.http.limits.max-body-size"));
                    String annotation = ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
                    assertThat(annotation).as("proxy-body-size of Ingress %s", ingress.getMetadata().getName()).isNotNull();
                    assertThat(bytes(annotation)).as("Ingress %s body limit vs %s's %s", ingress.getMetadata().getName(),
                            backend, limit).isEqualTo(bytes(limit));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theApiIngressPublishesEveryRouteOfTheGatewayAndItsSwaggerUiButNotItsHealthOrMetrics(Kustomize.Target target) {
        Manifests m = target.manifests();
        for (Repository.ServiceModule gateway : Repository.services()) {
            if (gateway.gatewayPrefixes().isEmpty()) {
                continue;
            }
            List<String> published = m.list(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                    .flatMap(r -> r.getHttp().getPaths().stream())
                    .filter(p -> p.getBackend().getService().getName().equals(gateway.name()))
                    .peek(p -> assertThat(p.getPathType()).isEqualTo("Prefix"))
                    .map(HTTPIngressPath::getPath).toList();
            assertThat(published).as("paths published to %s", gateway.name()).isNotEmpty();
            for (String route : gateway.gatewayPrefixes()) {
                assertThat(published).as("route %s is published", route).anySatisfy(p -> assertThat(prefixOf(p, route)).isTrue());
            }
            for (String route : List.of("/q/swagger-ui/", "/q/openapi", "/openapi/kiroku.json")) {
                assertThat(published).as("%s is published", route).anySatisfy(p -> assertThat(prefixOf(p, route)).isTrue());
            }
            for (String internal : List.of("/q/health/ready", "/q/metrics", "/q/dev-ui")) {
                assertThat(published).as("%s stays inside", internal).noneSatisfy(p -> assertThat(prefixOf(p, internal)).isTrue());
            }
        }
    }

    /** Kubernetes' Prefix path type: a match of whole path elements. */
    static boolean prefixOf(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    /** A size as Quarkus (64M) or nginx (64m) write it, in bytes. */
    static BigDecimal bytes(String size) {
        Matcher m = Pattern.compile("^(\\d+)([kKmMgG]?)$").matcher(size.trim());
        assertThat(m.matches()).as("a size: %s", size).isTrue();
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
    }

    private static Optional<Volume> volumeAt(PodSpec pod, Container c, String path) {
        return c.getVolumeMounts().stream().filter(vm -> vm.getMountPath().equals(path)).findFirst()
                .flatMap(vm -> pod.getVolumes().stream().filter(v -> v.getName().equals(vm.getName())).findFirst());
    }

    /** The Secret name and key an env variable of a container is read from. */
    static Optional<String[]> secretRef(Container c, String variable) {
        if (c.getEnv() == null) {
            return Optional.empty();
        }
        return c.getEnv().stream().filter(e -> e.getName().equals(variable))
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> new String[]{e.getValueFrom().getSecretKeyRef().getName(), e.getValueFrom().getSecretKeyRef().getKey()})
                .findFirst();
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }
}
