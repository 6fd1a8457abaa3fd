package dev.kiroku.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every object of one rendered kustomization, each parsed as its Kubernetes type: the built-in kinds Kiroku uses as
 * their fabric8 model classes, with no field left unknown to that class; the operators' custom resources as
 * {@link GenericKubernetesResource}, their fields checked against {@link CustomResourceSchemas}. An object of any
 * other apiVersion/kind is a problem, as is anything that does not parse.
 */
public final class Manifests {

    /** The built-in kinds the manifests may contain, by "apiVersion/kind", with their model classes. */
    public static final Map<String, Class<? extends HasMetadata>> BUILT_IN_KINDS;
    /** The operators' custom resources the manifests may contain, by "apiVersion/kind". */
    public static final Set<String> CUSTOM_KINDS = CustomResourceSchemas.kinds();

    public static final String CNPG = "postgresql.cnpg.io/v1";
    public static final String BARMAN = "barmancloud.cnpg.io/v1";
    public static final String KEYCLOAK = "k8s.keycloak.org/v2alpha1";
    public static final String MONITORING = "monitoring.coreos.com/v1";

    static {
        Map<String, Class<? extends HasMetadata>> kinds = new LinkedHashMap<>();
        kinds.put("v1/Namespace", Namespace.class);
        kinds.put("v1/ConfigMap", ConfigMap.class);
        kinds.put("v1/Service", Service.class);
        kinds.put("v1/ServiceAccount", ServiceAccount.class);
        kinds.put("apps/v1/Deployment", Deployment.class);
        kinds.put("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        kinds.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
        kinds.put("networking.k8s.io/v1/Ingress", Ingress.class);
        kinds.put("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
        BUILT_IN_KINDS = Collections.unmodifiableMap(kinds);
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    private final Kustomize.Target target;
    private final List<Manifest> manifests;
    private final List<String> problems;

    private Manifests(Kustomize.Target target, List<Manifest> manifests, List<String> problems) {
        this.target = target;
        this.manifests = List.copyOf(manifests);
        this.problems = List.copyOf(problems);
    }

    public static Manifests of(Kustomize.Target target) {
        return CACHE.computeIfAbsent(target.name(), n -> parse(target, Kustomize.render(target.dir())));
    }

    /** Parses a YAML stream as {@code kubectl kustomize} prints it. */
    public static Manifests parse(Kustomize.Target target, String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode node = docs.nextValue();
                index++;
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                parseOne(index, node, manifests, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the output of kubectl kustomize " + target.dir() + " is not YAML", e);
        }
        return new Manifests(target, manifests, problems);
    }

    private static void parseOne(int index, JsonNode node, List<Manifest> out, List<String> problems) {
        String apiVersion = node.path("apiVersion").asText();
        String kind = node.path("kind").asText();
        String name = node.path("metadata").path("name").asText();
        String namespace = node.path("metadata").path("namespace").asText(null);
        String id = "document " + index + " (" + apiVersion + " " + kind + " " + name + ")";
        String gvk = apiVersion + "/" + kind;
        if (name.isBlank()) {
            problems.add(id + ": no metadata.name");
            return;
        }
        Class<? extends HasMetadata> type = BUILT_IN_KINDS.get(gvk);
        try {
            if (type != null) {
                HasMetadata typed = SERIALIZATION.convertValue(node, type);
                if (!apiVersion.equals(typed.getApiVersion()) || !kind.equals(typed.getKind())) {
                    problems.add(id + ": parsed as " + typed.getApiVersion() + " " + typed.getKind());
                }
                List<String> unknown = StrictModel.unknownFields(typed);
                unknown.forEach(u -> problems.add(id + ": field unknown to " + type.getSimpleName() + ": " + u));
                out.add(new Manifest(apiVersion, kind, name, namespace, node, typed));
            } else if (CUSTOM_KINDS.contains(gvk)) {
                GenericKubernetesResource generic = SERIALIZATION.convertValue(node, GenericKubernetesResource.class);
                CustomResourceSchemas.violations(gvk, node).forEach(v -> problems.add(id + ": " + v));
                out.add(new Manifest(apiVersion, kind, name, namespace, node, generic));
            } else {
                problems.add(id + ": unexpected apiVersion/kind " + gvk + " (expected one of " + BUILT_IN_KINDS.keySet()
                        + " or " + CUSTOM_KINDS + ")");
            }
        } catch (IllegalArgumentException e) {
            problems.add(id + ": does not parse as " + (type == null ? "a custom resource" : type.getSimpleName())
                    + ": " + e.getMessage());
        }
    }

    public Kustomize.Target target() {
        return target;
    }

    public List<Manifest> all() {
        return manifests;
    }

    /** What did not parse, or parsed with fields its type does not know. */
    public List<String> problems() {
        return problems;
    }

    public <T extends HasMetadata> List<T> list(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return list(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                target.name() + ": no " + type.getSimpleName() + " named " + name));
    }

    /** The custom resources of one apiVersion and kind. */
    public List<Manifest> custom(String apiVersion, String kind) {
        return manifests.stream().filter(m -> m.apiVersion().equals(apiVersion) && m.kind().equals(kind)).toList();
    }

    public Optional<Manifest> findCustom(String apiVersion, String kind, String name) {
        return custom(apiVersion, kind).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Manifest custom(String apiVersion, String kind, String name) {
        return findCustom(apiVersion, kind, name).orElseThrow(() -> new AssertionError(
                target.name() + ": no " + apiVersion + " " + kind + " named " + name));
    }

    @Override
    public String toString() {
        return target.name();
    }

    /** One rendered object: its identity, its YAML as a tree and its parsed form. */
    public record Manifest(String apiVersion, String kind, String name, String namespace, JsonNode node,
                           HasMetadata object) {

        public Map<String, String> labels() {
            Map<String, String> labels = object.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        public JsonNode spec() {
            return node.path("spec");
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }
}
