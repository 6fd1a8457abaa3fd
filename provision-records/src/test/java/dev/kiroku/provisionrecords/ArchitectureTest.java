package dev.kiroku.provisionrecords;

import dev.kiroku.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void importsNoOtherServiceNeverExposesEntitiesThroughRestAndItsArrowsPointDown() {
        ArchitectureRules.checkService("dev.kiroku.provisionrecords");
    }

    @Test
    void platformModulesImportNoService() {
        ArchitectureRules.checkPlatform();
    }
}
