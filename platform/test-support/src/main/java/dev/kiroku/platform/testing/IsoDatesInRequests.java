package dev.kiroku.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.config.ObjectMapperConfig;

/**
 * REST Assured writes the Java objects a test sends as the API reads them: dates and instants as ISO 8601 strings.
 * Its own Jackson default writes them as numbers, which the strict JSON of every service refuses (a number where a
 * date is expected, API conventions "Input that is refused"). Registered for every {@code @QuarkusTest} of a module
 * that has this one on its test classpath.
 */
public class IsoDatesInRequests implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.config = RestAssured.config().objectMapperConfig(ObjectMapperConfig.objectMapperConfig()
                .jackson2ObjectMapperFactory((type, charset) -> new ObjectMapper().findAndRegisterModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
    }
}
