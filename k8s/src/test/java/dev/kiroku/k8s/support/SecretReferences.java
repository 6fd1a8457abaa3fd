package dev.kiroku.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every place a rendered installation names a Secret: the services' containers and init containers (envFrom, env,
 * volumes), the Ingress certificates, and the operators' custom resources (CloudNativePG bootstrap and role passwords,
 * the object store credentials, Keycloak's database login, the realm import's placeholders).
 */
public final class SecretReferences {

    private SecretReferences() {
    }

    public static List<Reference> of(Manifests m) {
        List<Reference> refs = new ArrayList<>();
        for (Deployment d : m.list(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String where = "Deployment " + d.getMetadata().getName();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers()); // sidecars too (components/audit-sink-s3)
            }
            for (Container c : containers) {
                if (c.getEnvFrom() != null) {
                    for (EnvFromSource from : c.getEnvFrom()) {
                        if (from.getSecretRef() != null) {
                            refs.add(new Reference(from.getSecretRef().getName(), null, where + " envFrom", true));
                        }
                    }
                }
                if (c.getEnv() != null) {
                    for (EnvVar e : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                            var ref = e.getValueFrom().getSecretKeyRef();
                            refs.add(new Reference(ref.getName(), ref.getKey(), where + " env " + e.getName(), false));
                        }
                    }
                }
            }
            if (pod.getVolumes() != null) {
                for (Volume v : pod.getVolumes()) {
                    if (v.getSecret() != null) {
                        if (v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()) {
                            refs.add(new Reference(v.getSecret().getSecretName(), null, where + " volume " + v.getName(), false));
                        } else {
                            v.getSecret().getItems().forEach(item -> refs.add(new Reference(
                                    v.getSecret().getSecretName(), item.getKey(), where + " volume " + v.getName(), false)));
                        }
                    }
                }
            }
        }
        for (Ingress i : m.list(Ingress.class)) {
            if (i.getSpec().getTls() != null) {
                i.getSpec().getTls().forEach(tls -> {
                    refs.add(new Reference(tls.getSecretName(), "tls.crt", "Ingress " + i.getMetadata().getName(), false));
                    refs.add(new Reference(tls.getSecretName(), "tls.key", "Ingress " + i.getMetadata().getName(), false));
                });
            }
        }
        for (Manifests.Manifest c : m.custom(Manifests.CNPG, "Cluster")) {
            String where = "Cluster " + c.name();
            JsonNode initdb = c.spec().path("bootstrap").path("initdb");
            if (initdb.has("secret")) {
                basicAuth(refs, initdb.path("secret").path("name").asText(), where + " bootstrap.initdb.secret");
            }
            for (JsonNode role : c.spec().path("managed").path("roles")) {
                if (role.has("passwordSecret")) {
                    basicAuth(refs, role.path("passwordSecret").path("name").asText(),
                            where + " managed role " + role.path("name").asText());
                }
            }
        }
        for (Manifests.Manifest store : m.custom(Manifests.BARMAN, "ObjectStore")) {
            JsonNode s3 = store.spec().path("configuration").path("s3Credentials");
            for (String field : List.of("accessKeyId", "secretAccessKey", "sessionToken", "region")) {
                if (s3.has(field)) {
                    refs.add(new Reference(s3.path(field).path("name").asText(), s3.path(field).path("key").asText(),
                            "ObjectStore " + store.name() + " s3Credentials." + field, false));
                }
            }
        }
        for (Manifests.Manifest kc : m.custom(Manifests.KEYCLOAK, "Keycloak")) {
            for (String field : List.of("usernameSecret", "passwordSecret")) {
                JsonNode ref = kc.spec().path("db").path(field);
                if (!ref.isMissingNode()) {
                    refs.add(new Reference(ref.path("name").asText(), ref.path("key").asText(),
                            "Keycloak " + kc.name() + " db." + field, false));
                }
            }
            JsonNode tls = kc.spec().path("http").path("tlsSecret");
            if (!tls.isMissingNode()) {
                refs.add(new Reference(tls.asText(), "tls.crt", "Keycloak " + kc.name() + " http.tlsSecret", false));
            }
        }
        for (Manifests.Manifest imp : m.custom(Manifests.KEYCLOAK, "KeycloakRealmImport")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = imp.spec().path("placeholders").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode secret = e.getValue().path("secret");
                refs.add(new Reference(secret.path("name").asText(), secret.path("key").asText(),
                        "KeycloakRealmImport " + imp.name() + " placeholder " + e.getKey(), false));
            }
        }
        return refs;
    }

    private static void basicAuth(List<Reference> refs, String name, String where) {
        refs.add(new Reference(name, "username", where, false));
        refs.add(new Reference(name, "password", where, false));
    }

    /** A Secret named somewhere, with the key read from it (null: the whole Secret), and whether as env variables. */
    public record Reference(String secret, String key, String where, boolean asEnvironment) {
        @Override
        public String toString() {
            return secret + (key == null ? "" : "/" + key) + " (" + where + ")";
        }
    }
}
