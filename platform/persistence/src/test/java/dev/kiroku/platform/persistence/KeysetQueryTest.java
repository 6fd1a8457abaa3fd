package dev.kiroku.platform.persistence;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KeysetQueryTest {

    @Test
    void theFirstPageWithoutFilters() {
        KeysetQuery q = KeysetQuery.ascending("id").equal("status", null).after(null);
        assertThat(q.query()).isEqualTo("1 = 1 order by id");
        assertThat(q.parameters()).isEmpty();
    }

    @Test
    void aFilteredPageAfterTheCursor() {
        UUID campaign = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        KeysetQuery q = KeysetQuery.ascending("id").equal("campaignId", campaign).equal("status", "SENT").after(after);
        assertThat(q.query())
                .isEqualTo("1 = 1 and campaignId = :p0 and status = :p1 and id > :after order by id");
        assertThat(q.parameters()).isEqualTo(Map.of("p0", campaign, "p1", "SENT", "after", after));
    }

    @Test
    void descendingMeansBeforeTheCursor() {
        LocalDate before = LocalDate.of(2026, 4, 1);
        KeysetQuery q = KeysetQuery.descending("day").equal("status", "SENT").after(before);
        assertThat(q.query()).isEqualTo("1 = 1 and status = :p0 and day < :after order by day desc");
        assertThat(q.parameters()).containsEntry("after", before);
    }

    @Test
    void aNullnessFilterOnlyWhenAsked() {
        UUID after = UUID.randomUUID();
        assertThat(KeysetQuery.ascending("id").isNull("withdrawnAt", null).query()).isEqualTo("1 = 1 order by id");
        assertThat(KeysetQuery.ascending("id").isNull("withdrawnAt", true).after(after).query())
                .isEqualTo("1 = 1 and withdrawnAt is null and id > :after order by id");
        assertThat(KeysetQuery.ascending("id").equal("subjectIndex", "x").isNull("withdrawnAt", false).query())
                .isEqualTo("1 = 1 and subjectIndex = :p0 and withdrawnAt is not null order by id");
    }
}
