package dev.kiroku.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rendered installation seen as Kiroku's pieces: the Deployment of each service, the environment its container
 * gets from ConfigMaps, the operator-managed PostgreSQL clusters and Keycloak, the pods all of them run and the
 * Services (ours and the operators') that lead to those pods.
 */
public final class Installation {

    private final Manifests manifests;

    public Installation(Manifests manifests) {
        this.manifests = manifests;
    }

    public Manifests manifests() {
        return manifests;
    }

    public String name() {
        return manifests.target().name();
    }

    public Deployment deployment(Repository.ServiceModule service) {
        return manifests.get(Deployment.class, service.name());
    }

    public Container container(Repository.ServiceModule service) {
        List<Container> containers = deployment(service).getSpec().getTemplate().getSpec().getContainers();
        return containers.stream().filter(c -> c.getName().equals(service.name())).findFirst()
                .orElseThrow(() -> new AssertionError(name() + ": Deployment " + service.name()
                        + " has no container named " + service.name()));
    }

    /**
     * The plain (non-secret) environment of a service's container: its ConfigMaps (envFrom, in order) and literal
     * env values, later ones winning as in Kubernetes.
     */
    public Map<String, String> environment(Repository.ServiceModule service) {
        Container c = container(service);
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = manifests.get(ConfigMap.class, from.getConfigMapRef().getName());
                    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                    if (cm.getData() != null) {
                        cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValue() != null) {
                    env.put(e.getName(), e.getValue());
                } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    env.put(e.getName(), manifests.get(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
                }
            }
        }
        return env;
    }

    public List<Manifests.Manifest> cnpgClusters() {
        return manifests.custom(Manifests.CNPG, "Cluster");
    }

    public Manifests.Manifest keycloak() {
        List<Manifests.Manifest> keycloaks = manifests.custom(Manifests.KEYCLOAK, "Keycloak");
        if (keycloaks.size() != 1) {
            throw new AssertionError(name() + ": expected one Keycloak, found " + keycloaks);
        }
        return keycloaks.get(0);
    }

    public int keycloakHttpPort() {
        return keycloak().spec().path("http").path("httpPort").asInt(8080);
    }

    public Manifests.Manifest realmImport() {
        List<Manifests.Manifest> imports = manifests.custom(Manifests.KEYCLOAK, "KeycloakRealmImport");
        if (imports.size() != 1) {
            throw new AssertionError(name() + ": expected one KeycloakRealmImport, found " + imports);
        }
        return imports.get(0);
    }

    /** Every pod set the installation runs: the services' Deployments and the operators' pods. */
    public List<Network.Endpoint> pods() {
        List<Network.Endpoint> pods = new ArrayList<>();
        manifests.list(Deployment.class).forEach(d -> pods.add(Network.podsOf(d)));
        cnpgClusters().forEach(c -> pods.add(Network.podsOfCnpgCluster(c.name())));
        pods.add(Network.podsOfKeycloak(keycloak().name(), keycloakHttpPort()));
        pods.add(Network.podOfRealmImport(keycloak().name()));
        return pods;
    }

    public Network.Endpoint pod(String name) {
        return pods().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name() + ": no pods named " + name));
    }

    public Network network() {
        return new Network(manifests.list(NetworkPolicy.class));
    }

    /**
     * Where an in-cluster host name and port lead: the pods behind one of our Services, or behind a Service an
     * operator creates for one of our custom resources. Empty if no such Service (or port) exists.
     */
    public Optional<Target> resolve(String host, int port) {
        String service = host.endsWith("." + Network.NAMESPACE + ".svc") ? host.substring(0, host.indexOf('.'))
                : host.endsWith("." + Network.NAMESPACE + ".svc.cluster.local") ? host.substring(0, host.indexOf('.'))
                : host;
        Optional<Service> ours = manifests.find(Service.class, service);
        if (ours.isPresent()) {
            Service s = ours.get();
            for (ServicePort sp : s.getSpec().getPorts()) {
                if (sp.getPort() == port) {
                    List<Network.Endpoint> selected = pods().stream()
                            .filter(p -> Selectors.matches(s.getSpec().getSelector(), p.labels())).toList();
                    if (selected.size() != 1) {
                        return Optional.empty();
                    }
                    Network.Endpoint pods = selected.get(0);
                    Optional<Network.Port> target = targetPort(sp, pods);
                    return target.map(t -> new Target(service, pods, t));
                }
            }
            return Optional.empty();
        }
        for (Manifests.Manifest cluster : cnpgClusters()) {
            if (OperatorConventions.cnpgServices(cluster.name()).contains(service)
                    && port == OperatorConventions.POSTGRES_PORT) {
                return Optional.of(new Target(service, Network.podsOfCnpgCluster(cluster.name()),
                        Network.Port.tcp(OperatorConventions.POSTGRES_PORT, "postgresql")));
            }
        }
        String keycloak = keycloak().name();
        if (OperatorConventions.keycloakService(keycloak).equals(service) && port == keycloakHttpPort()) {
            return Optional.of(new Target(service, Network.podsOfKeycloak(keycloak, port), Network.Port.tcp(port, "http")));
        }
        return Optional.empty();
    }

    /** Where a URL (http://host:port/...) of the in-cluster network leads. */
    public Optional<Target> resolve(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return resolve(uri.getHost(), port);
    }

    private static Optional<Network.Port> targetPort(ServicePort sp, Network.Endpoint pods) {
        if (sp.getTargetPort() == null) {
            return pods.ports().stream().filter(p -> p.number() == sp.getPort()).findFirst();
        }
        if (sp.getTargetPort().getIntVal() != null) {
            return pods.ports().stream().filter(p -> p.number() == sp.getTargetPort().getIntVal()).findFirst();
        }
        return pods.ports().stream().filter(p -> sp.getTargetPort().getStrVal().equals(p.name())).findFirst();
    }

    /** Text of a JSON field, or empty. */
    public static Optional<String> text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    /** A Service, the pods it leads to and the pod port it forwards to. */
    public record Target(String service, Network.Endpoint pods, Network.Port port) {
    }
}
