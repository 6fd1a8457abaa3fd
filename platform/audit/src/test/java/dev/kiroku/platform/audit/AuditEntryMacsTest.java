package dev.kiroku.platform.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry MAC (issue 13): it binds the leaf and its position, only the log's keys make it, and a retired key's MAC
 * is still accepted during a rotation.
 */
class AuditEntryMacsTest {

    private static final byte[] OLD = seed(1);
    private static final byte[] NEW = seed(2);
    private static final byte[] LEAF = seed(3);

    private static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return seed;
    }

    @Test
    void aMacAuthenticatesItsOwnLeafAtItsOwnPositionOnly() {
        AuditEntryMacs macs = new AuditEntryMacs(NEW, List.of());
        byte[] mac = macs.mac(7, LEAF);
        assertThat(mac).hasSize(32);
        assertThat(macs.authenticates(7, LEAF, mac)).isTrue();
        assertThat(macs.authenticates(8, LEAF, mac)).as("another position").isFalse();
        assertThat(macs.authenticates(7, seed(4), mac)).as("another leaf").isFalse();
        assertThat(macs.authenticates(7, LEAF, null)).as("no MAC").isFalse();
        byte[] flipped = mac.clone();
        flipped[0] ^= 1;
        assertThat(macs.authenticates(7, LEAF, flipped)).isFalse();
    }

    @Test
    void aMacByAnotherKeyIsRefusedUnlessThatKeyIsRetired() {
        byte[] byOld = new AuditEntryMacs(OLD, List.of()).mac(7, LEAF);
        assertThat(new AuditEntryMacs(NEW, List.of()).authenticates(7, LEAF, byOld)).isFalse();
        assertThat(new AuditEntryMacs(NEW, List.of(OLD)).authenticates(7, LEAF, byOld)).isTrue();
        assertThat(new AuditEntryMacs(NEW, List.of(OLD)).mac(7, LEAF)).as("new MACs by the current key")
                .isEqualTo(new AuditEntryMacs(NEW, List.of()).mac(7, LEAF));
    }

    @Test
    void theMacKeyIsDerivedFromTheSigningSeedNotTheSeedItself() {
        assertThat(AuditEntryMacs.key(NEW)).hasSize(32).isNotEqualTo(NEW);
        assertThat(AuditEntryMacs.key(NEW)).isNotEqualTo(AuditEntryMacs.key(OLD));
    }
}
