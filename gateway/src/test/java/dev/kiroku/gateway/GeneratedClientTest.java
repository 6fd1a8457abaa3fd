package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.client.ApiClient;
import dev.kiroku.client.api.DisclosureRequestsApi;
import dev.kiroku.client.api.IncidentsApi;
import dev.kiroku.client.api.ProvisionRecordsApi;
import dev.kiroku.client.model.DisclosureRequest;
import dev.kiroku.client.model.DisclosureRequestBody;
import dev.kiroku.client.model.Incident;
import dev.kiroku.client.model.IncidentDraft;
import dev.kiroku.client.model.ProvisionBatch;
import dev.kiroku.client.model.ProvisionBatchResult;
import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client generated from the merged "Kiroku API" ({@code dev.kiroku.client}: openapi-generator's Maven plugin,
 * library {@code native}, from the committed {@code docs/openapi/kiroku.json} into this module's test sources) runs a
 * short integrator's scenario through the gateway against the real services, its request bodies the contract's own
 * examples.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL gatewayUrl;

    @Test
    void theGeneratedClientIngestsABatchAsksADisclosureAndRecordsAnIncident() throws Exception {
        JsonNode contract = new ObjectMapper().readTree(PackagedService.home().resolve("docs/openapi/kiroku.json").toFile());
        ApiClient client = new ApiClient();
        client.updateBaseUri(FrontDoors.url(gatewayUrl));
        String token = KeycloakTokens.forUser(DemoLogins.OFFICER);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        ObjectMapper mapper = client.getObjectMapper();

        // a batch of provision events: the contract's own example, with fresh client event ids
        ObjectNode batchExample = (ObjectNode) requestExample(contract, "/api/v1/provisions/batch", "two events");
        batchExample.withArray("events").forEach(event -> ((ObjectNode) event)
                .put("clientEventId", event.path("clientEventId").asText() + "-" + UUID.randomUUID()));
        ProvisionBatchResult batch = new ProvisionRecordsApi(client)
                .createProvisionsBatch(mapper.convertValue(batchExample, ProvisionBatch.class));
        assertThat(batch.getCreated()).isEqualTo(2);
        assertThat(batch.getItems()).hasSize(2).allSatisfy(item -> assertThat(item.getId()).isNotNull());

        // the data subject of the first event asks what was provided about them
        DisclosureRequest disclosure = new DisclosureRequestsApi(client).createDisclosureRequest(
                mapper.convertValue(requestExample(contract, "/api/v1/disclosure-requests", "request by post"),
                        DisclosureRequestBody.class), UUID.randomUUID().toString());
        assertThat(disclosure.getRecordCount()).isEqualTo(1);
        assertThat(disclosure.getRecords()).singleElement()
                .satisfies(record -> assertThat(record.getCounterparty().getName()).isEqualTo("株式会社サンプル商事"));

        // a breach manager's incident, read back
        IncidentsApi incidents = new IncidentsApi(client);
        Incident created = incidents.createIncident(mapper.convertValue(
                requestExample(contract, "/api/v1/incidents", "web skimming"), IncidentDraft.class),
                UUID.randomUUID().toString());
        assertThat(incidents.getIncident(created.getId()).getTitle())
                .isEqualTo("ECサイト決済画面への不正スクリプト挿入（ウェブスキミング）の疑い");
    }

    private static JsonNode requestExample(JsonNode contract, String path, String name) {
        JsonNode example = contract.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("examples").path(name).path("value");
        assertThat(example.isObject()).as("example %s of POST %s", name, path).isTrue();
        return example.deepCopy();
    }

}
