package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMarkersTest {

    @Test
    void findsTheFixturesNamesAddressesAndSubjectIdsInALog() {
        String log = """
                2026-12-04 10:00:00.000 INFO  [d.k.p.SomeService] (executor-1) [req=r-1] recorded 3 events
                2026-12-04 10:00:01.000 ERROR [d.k.p.p.PersistenceProblemMappers] ERROR: value too long: 代表取締役 山田太郎
                2026-12-04 10:00:02.000 WARN  [d.k.b.a.Import] notice to hanako.sato@example.jp bounced
                2026-12-04 10:00:03.000 WARN  [d.k.p.Query] subject C-0f8a6c2e-1b2d-4c3e-9f00-123456789abc
                """;
        assertThat(PersonalDataMarkers.foundIn(log)).hasSize(3)
                .anySatisfy(f -> assertThat(f).startsWith("line 2: the name 山田太郎"))
                .anySatisfy(f -> assertThat(f).startsWith("line 3: hanako.sato@example.jp"))
                .anySatisfy(f -> assertThat(f).startsWith("line 4: C-0f8a6c2e-"));
    }

    @Test
    void aLogWithIdsCountsAndCodesOnlyIsClean() {
        assertThat(PersonalDataMarkers.foundIn("""
                2026-12-04 10:00:00.000 INFO  [d.k.b.a.s.AffectedPersonService] affected-person import 0193 completed: 3 rows
                2026-12-04 10:00:00.000 INFO  [d.k.b.r.ReminderJob] digest sent to 2 address(es) dpo@kiroku.invalid
                """)).isEmpty();
    }
}
