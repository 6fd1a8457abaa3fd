package dev.kiroku.provisionrecords.provision.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.kiroku.provisionrecords.provision.BatchEvent;
import dev.kiroku.provisionrecords.provision.EventRefusal;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads each event of a batch on its own with the application's {@link ObjectMapper} (so every strict JSON rule
 * applies to it as to a single create): a value that cannot be read (an unknown enum value, a malformed or
 * out-of-range date, a value of the wrong type) makes that event unreadable, naming the field and, for an enum, the
 * values allowed, and never quoting the value sent.
 */
final class BatchEventReader {

    private BatchEventReader() {
    }

    /** The events in order, each read or unreadable. */
    static List<BatchEvent> read(ObjectMapper json, List<JsonNode> events) {
        return events.stream().map(node -> read(json, node)).toList();
    }

    static BatchEvent read(ObjectMapper json, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new BatchEvent.Read(null);
        }
        String key = node.path("clientEventId").isTextual() ? node.get("clientEventId").textValue() : null;
        if (!node.isObject()) {
            return unreadable(key, "", "must be an event (a JSON object)");
        }
        try {
            return new BatchEvent.Read(json.treeToValue(node, ProvisionEvent.class));
        } catch (JsonMappingException e) {
            return unreadable(key, field(e), message(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return unreadable(key, "", "is not a valid event");
        }
    }

    private static BatchEvent.Unreadable unreadable(String key, String field, String message) {
        return new BatchEvent.Unreadable(key, EventRefusal.Invalid.of(List.of(
                new EventRefusal.Field(field, "body", message))));
    }

    /** The path of the field that could not be read, as bean validation names it ({@code counterparty.kind}). */
    static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What the field must be, from the type expected there; never the value sent (it may be personal data). */
    static String message(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (target == LocalDate.class) {
            return "must be a date (YYYY-MM-DD) within the bounds a record can hold";
        }
        if (target != null && Temporal.class.isAssignableFrom(target)) {
            return "must be an ISO-8601 date-time with offset within the bounds a record can hold";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target != null && (target == boolean.class || target == Boolean.class)) {
            return "must be true or false";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return "has a value of the wrong type or format";
        }
        return "is not valid";
    }
}
