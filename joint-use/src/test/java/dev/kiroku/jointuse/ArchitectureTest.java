package dev.kiroku.jointuse;

import dev.kiroku.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void importsNoOtherServiceNeverExposesEntitiesThroughRestAndItsArrowsPointDown() {
        ArchitectureRules.checkService("dev.kiroku.jointuse");
    }

    @Test
    void platformModulesImportNoService() {
        ArchitectureRules.checkPlatform();
    }
}
