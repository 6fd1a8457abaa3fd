package dev.kiroku.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The front door believes forwarding headers from the peers Quarkus' {@code trusted-proxies} names, and no others. */
class TrustedProxiesTest {

    @Test
    void anAddressTrustsThatAddressOnly() {
        TrustedProxies trusted = TrustedProxies.of(List.of("127.0.0.1"));
        assertThat(trusted.trusts("127.0.0.1")).isTrue();
        assertThat(trusted.trusts("127.0.0.2")).isFalse();
        assertThat(trusted.trusts("10.0.0.1")).isFalse();
        assertThat(trusted.trusts("::1")).isFalse();
    }

    @Test
    void aNetworkTrustsEveryAddressInsideItsPrefix() {
        TrustedProxies trusted = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.4.0/22", "fd00::/8"));
        assertThat(trusted.trusts("10.255.3.4")).isTrue();
        assertThat(trusted.trusts("11.0.0.1")).isFalse();
        assertThat(trusted.trusts("192.168.7.255")).isTrue();
        assertThat(trusted.trusts("192.168.8.0")).isFalse();
        assertThat(trusted.trusts("fd12:3456::1")).isTrue();
        assertThat(trusted.trusts("fe80::1")).isFalse();
    }

    @Test
    void aPortAfterAnAddressOrHostIsNotCheckedAndHostNamesAreResolvedOnce() {
        TrustedProxies trusted = TrustedProxies.of(List.of("127.0.0.1:8443", "[::1]:80", "localhost"));
        assertThat(trusted.trusts("127.0.0.1")).isTrue();
        assertThat(trusted.trusts("::1")).isTrue();
    }

    @Test
    void nothingIsTrustedWithoutEntriesAndNoPeerNameIsLookedUp() {
        assertThat(TrustedProxies.of(List.of()).trusts("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.of(List.of(" ")).trusts("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.of(List.of("127.0.0.1")).trusts(null)).isFalse();
    }

    @Test
    void anEntryThatIsNoAddressNetworkOrKnownHostStopsTheStart() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("no-such-host.invalid")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
