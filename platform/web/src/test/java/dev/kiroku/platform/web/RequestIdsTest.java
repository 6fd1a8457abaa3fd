package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's request id is kept when it is a plain token; otherwise a fresh random UUID names the request. */
class RequestIdsTest {

    @Test
    void keepsAPlainTokenSentByTheClient() {
        assertThat(RequestIds.accept("crm-batch-2026.12.07:0001")).isEqualTo("crm-batch-2026.12.07:0001");
    }

    @Test
    void replacesAMissingOrUnsafeIdWithAFreshOne() {
        for (String candidate : new String[] {null, "", "has space", "line\nbreak", "x".repeat(129), "名前"}) {
            String id = RequestIds.accept(candidate);
            assertThat(id).isNotEqualTo(candidate);
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        }
    }

    @Test
    void freshIdsAreRandomVersionFourUuidsAndDoNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = RequestIds.fresh();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
    }
}
