package dev.kiroku.k8s.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operators create from Kiroku's custom resources, by their documented naming and labelling conventions, so
 * that the manifests' references to operator-made objects (Services, Secrets, pod labels) can be checked. The
 * sources: CloudNativePG "Architecture"/"Certificates"/"Labels and annotations" (the Services {@code <cluster>-rw},
 * {@code -ro}, {@code -r}; the Secret {@code <cluster>-ca}; the pod label {@code cnpg.io/cluster}; ports 5432 for
 * PostgreSQL and 8000 for the instance manager, 9187 for metrics) and the Keycloak operator (the Service
 * {@code <keycloak>-service}; server pods labelled {@code app=keycloak}, the realm-import job's pod
 * {@code app=keycloak-realm-import}, both with {@code app.kubernetes.io/managed-by=keycloak-operator} and
 * {@code app.kubernetes.io/instance=<keycloak>}; the management port 9000 and the JGroups ports 7800 and 57800).
 */
public final class OperatorConventions {

    public static final int POSTGRES_PORT = 5432;
    public static final int CNPG_STATUS_PORT = 8000;
    public static final int CNPG_METRICS_PORT = 9187;
    public static final int KEYCLOAK_MANAGEMENT_PORT = 9000;
    public static final int KEYCLOAK_JGROUPS_PORT = 7800;
    public static final int KEYCLOAK_JGROUPS_FD_PORT = 57800;

    private OperatorConventions() {
    }

    /** The Services CloudNativePG creates for a cluster: read-write (primary), read-only (replicas), read (any). */
    public static List<String> cnpgServices(String cluster) {
        return List.of(cluster + "-rw", cluster + "-ro", cluster + "-r");
    }

    /** The Secret holding the CA (ca.crt, ca.key) that signs a CloudNativePG cluster's server certificate. */
    public static String cnpgCaSecret(String cluster) {
        return cluster + "-ca";
    }

    public static Map<String, String> cnpgPodLabels(String cluster) {
        return Map.of("cnpg.io/cluster", cluster, "cnpg.io/podRole", "instance");
    }

    /** The Service the Keycloak operator creates for a Keycloak CR. */
    public static String keycloakService(String keycloak) {
        return keycloak + "-service";
    }

    /** The Secret with the temporary admin the Keycloak operator creates when no bootstrap admin is configured. */
    public static String keycloakInitialAdminSecret(String keycloak) {
        return keycloak + "-initial-admin";
    }

    public static Map<String, String> keycloakServerPodLabels(String keycloak) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "keycloak");
        labels.put("app.kubernetes.io/managed-by", "keycloak-operator");
        labels.put("app.kubernetes.io/instance", keycloak);
        labels.put("app.kubernetes.io/component", "server");
        return labels;
    }

    public static Map<String, String> keycloakRealmImportPodLabels(String keycloak) {
        Map<String, String> labels = keycloakServerPodLabels(keycloak);
        labels.put("app", "keycloak-realm-import");
        return labels;
    }
}
