package dev.kiroku.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields the operators' custom resources accept, as far as Kiroku's manifests use them: the spec of each kind and
 * the nested objects Kiroku fills in. Taken from the operators' API references (CloudNativePG 1.27 {@code
 * postgresql.cnpg.io/v1}, the Barman Cloud plugin {@code barmancloud.cnpg.io/v1}, the Keycloak operator 26
 * {@code k8s.keycloak.org/v2alpha1}, prometheus-operator 0.8x {@code monitoring.coreos.com/v1}). A field not listed is reported, so that a misspelt or misplaced field fails the
 * build instead of being ignored by the operator. Values below a leaf (for example PostgreSQL parameters, Kubernetes
 * resource requirements, the realm representation) are not checked here; dedicated tests check the values that matter.
 */
public final class CustomResourceSchemas {

    private static final Map<String, Schema> SPECS = new LinkedHashMap<>();

    static {
        Schema resources = Schema.any();
        Schema secretKeyRef = Schema.fields("name", "key");
        Schema localRef = Schema.fields("name");

        SPECS.put(Manifests.CNPG + "/Cluster", Schema.object()
                .leaves("description", "inheritedMetadata", "imageName", "imagePullPolicy", "schedulerName",
                        "postgresUID", "postgresGID", "instances", "minSyncReplicas", "maxSyncReplicas",
                        "replicationSlots", "replica", "superuserSecret", "enableSuperuserAccess", "certificates",
                        "imagePullSecrets", "serviceAccountTemplate", "walStorage", "ephemeralVolumeSource",
                        "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay", "failoverDelay",
                        "livenessProbeTimeout", "topologySpreadConstraints", "ephemeralVolumesSizeLimit",
                        "priorityClassName", "primaryUpdateStrategy", "primaryUpdateMethod", "nodeMaintenanceWindow",
                        "monitoring", "externalClusters", "logLevel", "projectedVolumeTemplate", "env", "envFrom",
                        "seccompProfile", "tablespaces", "enablePDB", "probes")
                .with("resources", resources)
                .with("imageCatalogRef", Schema.fields("apiGroup", "kind", "name", "major"))
                .with("storage", Schema.fields("storageClass", "size", "resizeInUseVolumes", "pvcTemplate"))
                .with("affinity", Schema.fields("enablePodAntiAffinity", "topologyKey", "nodeSelector", "nodeAffinity",
                        "tolerations", "podAntiAffinityType", "additionalPodAntiAffinity", "additionalPodAffinity"))
                .with("postgresql", Schema.object()
                        .leaves("parameters", "pg_hba", "pg_ident", "syncReplicaElectionConstraint",
                                "shared_preload_libraries", "ldap", "promotionTimeout", "enableAlterSystem", "extensions")
                        .with("synchronous", Schema.fields("method", "number", "maxStandbyNamesFromCluster",
                                "standbyNamesPre", "standbyNamesPost", "dataDurability", "failoverQuorum")))
                .with("bootstrap", Schema.object()
                        .leaves("recovery", "pg_basebackup")
                        .with("initdb", Schema.object()
                                .leaves("database", "owner", "options", "dataChecksums", "encoding", "localeCollate",
                                        "localeCType", "locale", "localeProvider", "icuLocale", "icuRules",
                                        "builtinLocale", "walSegmentSize", "postInitSQL", "postInitApplicationSQL",
                                        "postInitTemplateSQL", "import", "postInitApplicationSQLRefs",
                                        "postInitTemplateSQLRefs", "postInitSQLRefs")
                                .with("secret", localRef)))
                .with("managed", Schema.object()
                        .leaves("services")
                        .with("roles", Schema.object()
                                .leaves("name", "comment", "ensure", "connectionLimit", "validUntil", "inRoles",
                                        "inherit", "disablePassword", "superuser", "createdb", "createrole", "login",
                                        "replication", "bypassrls")
                                .with("passwordSecret", localRef)))
                .with("backup", Schema.fields("volumeSnapshot", "barmanObjectStore", "retentionPolicy", "target"))
                .with("plugins", Schema.object()
                        .leaves("name", "enabled", "isWALArchiver")
                        .with("parameters", Schema.any())));

        SPECS.put(Manifests.CNPG + "/Database", Schema.object()
                .leaves("ensure", "name", "owner", "template", "encoding", "locale", "localeProvider", "localeCollate",
                        "localeCType", "icuLocale", "icuRules", "builtinLocale", "collationVersion", "isTemplate",
                        "allowConnections", "connectionLimit", "tablespace", "databaseReclaimPolicy", "schemas",
                        "extensions")
                .with("cluster", localRef));

        SPECS.put(Manifests.CNPG + "/ScheduledBackup", Schema.object()
                .leaves("suspend", "immediate", "schedule", "backupOwnerReference", "target", "method", "online",
                        "onlineConfiguration")
                .with("cluster", localRef)
                .with("pluginConfiguration", Schema.object().leaves("name").with("parameters", Schema.any())));

        SPECS.put(Manifests.BARMAN + "/ObjectStore", Schema.object()
                .leaves("retentionPolicy", "instanceSidecarConfiguration")
                .with("configuration", Schema.object()
                        .leaves("destinationPath", "endpointURL", "endpointCA", "serverName", "azureCredentials",
                                "googleCredentials", "tags", "historyTags")
                        .with("s3Credentials", Schema.object()
                                .leaves("inheritFromIAMRole", "region", "sessionToken")
                                .with("accessKeyId", secretKeyRef)
                                .with("secretAccessKey", secretKeyRef))
                        .with("wal", Schema.fields("compression", "encryption", "maxParallel",
                                "archiveAdditionalCommandArgs", "restoreAdditionalCommandArgs"))
                        .with("data", Schema.fields("compression", "encryption", "jobs", "immediateCheckpoint",
                                "additionalCommandArgs"))));

        SPECS.put(Manifests.KEYCLOAK + "/Keycloak", Schema.object()
                .leaves("instances", "image", "startOptimized", "imagePullSecrets", "additionalOptions", "env",
                        "unsupported", "features", "transaction", "truststores", "cache", "httpManagement",
                        "scheduling", "bootstrapAdmin", "tracing", "update", "readinessProbe", "livenessProbe",
                        "startupProbe", "serviceMonitor")
                .with("resources", resources)
                .with("db", Schema.object()
                        .leaves("vendor", "host", "port", "database", "schema", "url", "poolInitialSize",
                                "poolMinSize", "poolMaxSize")
                        .with("usernameSecret", secretKeyRef)
                        .with("passwordSecret", secretKeyRef))
                .with("http", Schema.fields("httpEnabled", "httpPort", "httpsPort", "tlsSecret", "annotations",
                        "labels"))
                .with("hostname", Schema.fields("hostname", "admin", "strict", "backchannelDynamic"))
                .with("proxy", Schema.fields("headers"))
                .with("ingress", Schema.fields("enabled", "className", "annotations", "labels", "tlsSecret"))
                .with("networkPolicy", Schema.fields("enabled", "http", "https", "management")));

        SPECS.put(Manifests.MONITORING + "/PodMonitor", Schema.object()
                .leaves("jobLabel", "podTargetLabels", "selector", "selectorMechanism", "namespaceSelector",
                        "sampleLimit", "targetLimit", "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit",
                        "keepDroppedTargets", "attachMetadata", "scrapeClass", "scrapeProtocols",
                        "fallbackScrapeProtocol", "bodySizeLimit", "scrapeClassicHistograms",
                        "nativeHistogramBucketLimit", "nativeHistogramMinBucketFactor",
                        "convertClassicHistogramsToNHCB")
                .with("podMetricsEndpoints", Schema.fields("port", "portNumber", "targetPort", "path", "scheme",
                        "params", "interval", "scrapeTimeout", "honorLabels", "honorTimestamps", "trackTimestampsStaleness",
                        "relabelings", "metricRelabelings", "tlsConfig", "bearerTokenSecret", "basicAuth", "oauth2",
                        "authorization", "proxyUrl", "noProxy", "proxyFromEnvironment", "proxyConnectHeader",
                        "followRedirects", "enableHttp2", "filterRunning")));

        SPECS.put(Manifests.MONITORING + "/PrometheusRule", Schema.object()
                .with("groups", Schema.object()
                        .leaves("name", "interval", "limit", "query_offset", "partial_response_strategy", "labels")
                        .with("rules", Schema.fields("record", "alert", "expr", "for", "keep_firing_for", "labels",
                                "annotations"))));

        SPECS.put(Manifests.KEYCLOAK + "/KeycloakRealmImport", Schema.object()
                .leaves("keycloakCRName", "realm", "resources", "labels")
                .with("placeholders", Schema.map(Schema.object().with("secret", secretKeyRef))));
    }

    private CustomResourceSchemas() {
    }

    /** The custom kinds known here, as "apiVersion/kind". */
    public static Set<String> kinds() {
        return SPECS.keySet();
    }

    /** What in a custom resource is not a field of its kind. */
    public static List<String> violations(String gvk, JsonNode resource) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = resource.fieldNames(); it.hasNext(); ) {
            String top = it.next();
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(top)) {
                out.add(top + ": not a top-level field of a custom resource to apply");
            }
        }
        Schema spec = SPECS.get(gvk);
        if (!resource.has("spec")) {
            out.add("spec: missing");
        } else if (spec != null) {
            spec.check(resource.get("spec"), "spec", out);
        }
        return out;
    }

    /** Allowed fields of an object, each with the schema of its value; a list applies the schema to every element. */
    static final class Schema {
        private final Map<String, Schema> fields;
        private final Schema mapValues;

        private Schema(Map<String, Schema> fields, Schema mapValues) {
            this.fields = fields;
            this.mapValues = mapValues;
        }

        static Schema any() {
            return new Schema(null, null);
        }

        static Schema object() {
            return new Schema(new LinkedHashMap<>(), null);
        }

        /** An object whose keys are free (names) and whose values all follow one schema. */
        static Schema map(Schema values) {
            return new Schema(null, values);
        }

        static Schema fields(String... names) {
            return object().leaves(names);
        }

        Schema leaves(String... names) {
            for (String n : names) {
                fields.put(n, any());
            }
            return this;
        }

        Schema with(String name, Schema schema) {
            fields.put(name, schema);
            return this;
        }

        void check(JsonNode node, String path, List<String> out) {
            if (fields == null && mapValues == null) {
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), path + "[" + i + "]", out);
                }
                return;
            }
            if (!node.isObject()) {
                out.add(path + ": expected an object, found " + node.getNodeType());
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (mapValues != null) {
                    mapValues.check(e.getValue(), child, out);
                } else if (!fields.containsKey(e.getKey())) {
                    out.add(child + ": unknown field (known here: " + fields.keySet() + ")");
                } else {
                    fields.get(e.getKey()).check(e.getValue(), child, out);
                }
            }
        }
    }
}
