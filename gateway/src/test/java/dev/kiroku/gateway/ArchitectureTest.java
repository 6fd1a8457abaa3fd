package dev.kiroku.gateway;

import dev.kiroku.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void importsNoServiceNeverExposesEntitiesThroughRestAndItsArrowsPointDown() {
        ArchitectureRules.checkService("dev.kiroku.gateway");
    }

    @Test
    void platformModulesImportNoService() {
        ArchitectureRules.checkPlatform();
    }
}
