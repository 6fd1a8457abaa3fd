package dev.kiroku.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-*} headers the front door believes: the entries of
 * {@code kiroku.gateway.trusted-proxies} (which Quarkus' own server trusts too, with the loopback address the front
 * door hands requests over from), read as Quarkus reads its {@code trusted-proxies} — an address
 * ({@code 10.1.2.3}, {@code ::1}), a network in CIDR notation ({@code 10.0.0.0/8}) or a host name (resolved once, at
 * start). A {@code :port} after an address or host name is not checked here (the front door takes the entry for any
 * port), so such a list trusts at least what Quarkus trusts.
 */
final class TrustedProxies {

    private record Network(byte[] address, int prefix) {

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (address[whole] & mask);
        }
    }

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = networks;
    }

    static TrustedProxies of(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            try {
                if (slash > 0) {
                    byte[] address = InetAddress.getByName(entry.substring(0, slash)).getAddress();
                    int prefix = Integer.parseInt(entry.substring(slash + 1));
                    if (prefix < 0 || prefix > address.length * 8) {
                        throw new IllegalArgumentException("Trusted proxy " + entry + ": prefix out of range");
                    }
                    networks.add(new Network(address, prefix));
                } else {
                    String host = withoutPort(entry);
                    for (InetAddress address : InetAddress.getAllByName(host)) {
                        networks.add(new Network(address.getAddress(), address.getAddress().length * 8));
                    }
                }
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Trusted proxy " + entry + " is neither an address, a network nor "
                        + "a known host name", e);
            }
        }
        return new TrustedProxies(List.copyOf(networks));
    }

    /** Whether a peer's address (a literal, as Vert.x gives it) is trusted. */
    boolean trusts(String peer) {
        if (networks.isEmpty() || peer == null) {
            return false;
        }
        // a literal, parsed (never looked up): Vert.x gives the peer's address so
        byte[] address = io.netty.util.NetUtil.createByteArrayFromIpAddressString(peer);
        if (address == null) {
            return false;
        }
        for (Network network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host:port} and {@code [v6]:port} without the port; an IPv6 literal as it is. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            return end > 0 ? entry.substring(1, end) : entry;
        }
        int colon = entry.indexOf(':');
        return colon > 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
    }

    @Override
    public String toString() {
        return networks.stream().map(n -> Arrays.toString(n.address()) + "/" + n.prefix()).toList().toString();
    }
}
