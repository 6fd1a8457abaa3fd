package dev.kiroku.breachreporting;

import dev.kiroku.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void importsNoOtherServiceNeverExposesEntitiesThroughRestAndItsArrowsPointDown() {
        ArchitectureRules.checkService("dev.kiroku.breachreporting");
    }

    @Test
    void platformModulesImportNoService() {
        ArchitectureRules.checkPlatform();
    }
}
