package dev.kiroku.k8s.support;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model of who may talk to whom under the rendered NetworkPolicies, following the NetworkPolicy semantics of the
 * Kubernetes API: a pod selected by no policy of a direction is open in that direction; a pod selected by some is
 * reachable only as one of their rules allows; a connection needs both the source's egress and the destination's
 * ingress. Endpoints are the pods the manifests create (the services' Deployments and, by their conventions, the
 * operators' pods) and a fixed outside world: the ingress controller, kube-dns, the CloudNativePG operator, Prometheus
 * and Grafana in the namespace monitoring, strangers
 * in and outside the namespace, and addresses outside the cluster. {@code ipBlock} peers match outside addresses only
 * (the API leaves their meaning for pod addresses to the network plugin).
 */
public final class Network {

    public static final String NAMESPACE = "kiroku";

    // The outside world the policies name or must keep out; their namespaces and labels are the prerequisites'
    // defaults documented in k8s/README.md.
    public static final Endpoint INGRESS_CONTROLLER = Endpoint.pod("ingress controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"), List.of());
    public static final Endpoint KUBE_DNS = Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"),
            List.of(Port.udp(53, "dns"), Port.tcp(53, "dns-tcp")));
    public static final Endpoint CNPG_OPERATOR = Endpoint.pod("CloudNativePG operator", "cnpg-system",
            Map.of("app.kubernetes.io/name", "cloudnative-pg"), List.of());
    // prometheus-operator's Prometheus pods are labelled app.kubernetes.io/name=prometheus; Grafana shares their namespace.
    public static final Endpoint PROMETHEUS = Endpoint.pod("Prometheus", "monitoring",
            Map.of("app.kubernetes.io/name", "prometheus", "prometheus", "k8s"), List.of(Port.tcp(9090, "web")));
    public static final Endpoint GRAFANA = Endpoint.pod("Grafana in the monitoring namespace", "monitoring",
            Map.of("app.kubernetes.io/name", "grafana"), List.of(Port.tcp(3000, "grafana")));
    public static final Endpoint STRANGER_IN_NAMESPACE = Endpoint.pod("a debug pod in kiroku", NAMESPACE,
            Map.of("run", "debug"), List.of(Port.tcp(8080, "http")));
    public static final Endpoint STRANGER_ELSEWHERE = Endpoint.pod("a pod of another application", "default",
            Map.of("app", "other"), List.of(Port.tcp(8080, "http")));
    public static final Endpoint SMTP_RELAY = Endpoint.external("the SMTP relay", "203.0.113.25",
            List.of(Port.tcp(25, "smtp"), Port.tcp(465, "smtps"), Port.tcp(587, "submission")));
    public static final Endpoint OBJECT_STORE = Endpoint.external("the backup object store", "198.51.100.10",
            List.of(Port.tcp(443, "https")));
    public static final Endpoint API_SERVER = Endpoint.external("the Kubernetes API server", "10.96.0.1",
            List.of(Port.tcp(443, "https"), Port.tcp(6443, "https-endpoint")));
    public static final Endpoint INTERNET = Endpoint.external("a host on the internet", "192.0.2.80",
            List.of(Port.tcp(80, "http"), Port.tcp(443, "https"), Port.tcp(5432, "postgresql")));

    public static final List<Endpoint> OUTSIDE_WORLD = List.of(INGRESS_CONTROLLER, KUBE_DNS, CNPG_OPERATOR,
            PROMETHEUS, GRAFANA, STRANGER_IN_NAMESPACE, STRANGER_ELSEWHERE, SMTP_RELAY, OBJECT_STORE, API_SERVER, INTERNET);

    private final List<NetworkPolicy> policies;

    public Network(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public static Endpoint podsOf(Deployment deployment) {
        List<Port> ports = new ArrayList<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    ports.add(new Port(p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getContainerPort(), p.getName()));
                }
            }
        });
        return Endpoint.pod(deployment.getMetadata().getName(), NAMESPACE,
                deployment.getSpec().getTemplate().getMetadata().getLabels(), ports);
    }

    public static Endpoint podsOfCnpgCluster(String cluster) {
        return Endpoint.pod(cluster, NAMESPACE, OperatorConventions.cnpgPodLabels(cluster), List.of(
                Port.tcp(OperatorConventions.POSTGRES_PORT, "postgresql"),
                Port.tcp(OperatorConventions.CNPG_STATUS_PORT, "status"),
                Port.tcp(OperatorConventions.CNPG_METRICS_PORT, "metrics")));
    }

    public static Endpoint podsOfKeycloak(String keycloak, int httpPort) {
        return Endpoint.pod(keycloak, NAMESPACE, OperatorConventions.keycloakServerPodLabels(keycloak), List.of(
                Port.tcp(httpPort, "http"),
                Port.tcp(OperatorConventions.KEYCLOAK_MANAGEMENT_PORT, "management"),
                Port.tcp(OperatorConventions.KEYCLOAK_JGROUPS_PORT, "jgroups"),
                Port.tcp(OperatorConventions.KEYCLOAK_JGROUPS_FD_PORT, "jgroups-fd")));
    }

    public static Endpoint podOfRealmImport(String keycloak) {
        return Endpoint.pod(keycloak + " realm import", NAMESPACE,
                OperatorConventions.keycloakRealmImportPodLabels(keycloak), List.of());
    }

    /** The policies that select a pod in a direction ("Ingress" or "Egress"). */
    public List<NetworkPolicy> selecting(Endpoint pod, String direction) {
        if (!pod.isPodIn(NAMESPACE)) {
            return List.of();
        }
        return policies.stream()
                .filter(p -> types(p).contains(direction))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    /** Whether {@code from} may open a connection to {@code to} on one of {@code to}'s ports. */
    public boolean allows(Endpoint from, Endpoint to, Port port) {
        return egressAllows(from, to, port) && ingressAllows(from, to, port);
    }

    private boolean egressAllows(Endpoint from, Endpoint to, Port port) {
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        if (!from.isPodIn(NAMESPACE) || selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(p -> p.getSpec().getEgress() != null && p.getSpec().getEgress().stream()
                .anyMatch(rule -> peers(rule.getTo(), to) && ports(rule.getPorts(), to, port)));
    }

    private boolean ingressAllows(Endpoint from, Endpoint to, Port port) {
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        if (!to.isPodIn(NAMESPACE) || selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(p -> p.getSpec().getIngress() != null && p.getSpec().getIngress().stream()
                .anyMatch(rule -> peers(rule.getFrom(), from) && ports(rule.getPorts(), to, port)));
    }

    private static List<String> types(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        boolean egress = p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty();
        return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (other.ip() != null && inBlock(other.ip(), peer.getIpBlock())) {
                    return true;
                }
                continue;
            }
            if (other.ip() != null) {
                continue;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null
                    ? NAMESPACE.equals(other.namespace())
                    : Selectors.matches(peer.getNamespaceSelector(), other.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), other.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean ports(List<NetworkPolicyPort> rulePorts, Endpoint to, Port port) {
        if (rulePorts == null || rulePorts.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort rp : rulePorts) {
            String protocol = rp.getProtocol() == null ? "TCP" : rp.getProtocol();
            if (!protocol.equals(port.protocol())) {
                continue;
            }
            IntOrString p = rp.getPort();
            if (p == null) {
                return true;
            }
            if (p.getIntVal() != null) {
                int from = p.getIntVal();
                int upTo = rp.getEndPort() == null ? from : rp.getEndPort();
                if (port.number() >= from && port.number() <= upTo) {
                    return true;
                }
            } else if (p.getStrVal() != null && p.getStrVal().equals(port.name()) && to.ports().contains(port)) {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(String ip, IPBlock block) {
        if (!inCidr(ip, block.getCidr())) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(e -> inCidr(ip, e));
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        long value = 0;
        for (String o : octets) {
            value = (value << 8) | Integer.parseInt(o);
        }
        return value;
    }

    /** A port a pod or host listens on. */
    public record Port(String protocol, int number, String name) {
        public static Port tcp(int number, String name) {
            return new Port("TCP", number, name);
        }

        public static Port udp(int number, String name) {
            return new Port("UDP", number, name);
        }

        @Override
        public String toString() {
            return number + "/" + protocol;
        }
    }

    /** Pods with one set of labels in one namespace, or a host outside the cluster (ip set). */
    public record Endpoint(String name, String namespace, Map<String, String> labels, String ip, List<Port> ports) {

        public static Endpoint pod(String name, String namespace, Map<String, String> labels, List<Port> ports) {
            return new Endpoint(name, namespace, Map.copyOf(labels), null, List.copyOf(ports));
        }

        public static Endpoint external(String name, String ip, List<Port> ports) {
            return new Endpoint(name, null, Map.of(), ip, List.copyOf(ports));
        }

        public Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }

        public boolean isPodIn(String ns) {
            return ip == null && Objects.equals(namespace, ns);
        }

        public boolean isExternal() {
            return ip != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
