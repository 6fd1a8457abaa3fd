package dev.kiroku.platform.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.function.Supplier;

/**
 * The one JSON reading every service shares, strict as the API conventions demand: a duplicate key, content after the
 * document, a scalar of another JSON type than the field's (a number for a string, a date or a boolean; a string for
 * a number; a fraction for an integer) are refused; an absent primitive keeps its default, as the records expect.
 * Every string (values, keys, array items) passes {@link Texts#refusal} and is normalised to NFC, so what is stored,
 * indexed and hashed is one text; every date and instant must be a string within {@link InputConfig.Dates}. Refusals
 * are {@link RefusedValueException}s.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final Supplier<InputConfig.Dates> dates;

    /** The bounds are read when the first date is, since the mapper may be built before runtime config exists. */
    public StrictJson(Instance<InputConfig> config) {
        this.dates = () -> config.get().dates();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("kiroku-strict-json");
        module.addDeserializer(String.class, new StrictStrings());
        module.addKeyDeserializer(String.class, new StrictKeys());
        module.setDeserializerModifier(new BoundedDates(dates));
        mapper.registerModule(module);
    }

    /** Every JSON string value: a string token only, acceptable text, normalised. */
    static final class StrictStrings extends StdScalarDeserializer<String> {

        StrictStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(p, 400, "must be a JSON string", String.class);
            }
            return checked(p, p.getText());
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** Every key of a JSON object read into a map: acceptable text, normalised. */
    static final class StrictKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    static String checked(JsonParser p, String text) throws RefusedValueException {
        String refusal = Texts.refusal(text);
        if (refusal != null) {
            throw new RefusedValueException(p, 400, refusal, String.class);
        }
        return Texts.normalised(text);
    }

    /** Wraps the deserializers of dates and instants: a JSON string only, within the configured bounds. */
    static final class BoundedDates extends BeanDeserializerModifier {

        private final Supplier<InputConfig.Dates> dates;

        BoundedDates(Supplier<InputConfig.Dates> dates) {
            this.dates = dates;
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == LocalDate.class || type == Instant.class || type == OffsetDateTime.class
                    || type == ZonedDateTime.class || type == LocalDateTime.class) {
                return new BoundedDate(deserializer, dates);
            }
            return deserializer;
        }
    }

    static final class BoundedDate extends DelegatingDeserializer {

        private final Supplier<InputConfig.Dates> dates;

        BoundedDate(JsonDeserializer<?> delegate, Supplier<InputConfig.Dates> dates) {
            super(delegate);
            this.dates = dates;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new BoundedDate(newDelegatee, dates);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Class<?> type = handledType();
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(p, 400, "must be a JSON string in ISO 8601 format", type);
            }
            Object value = _delegatee.deserialize(p, ctxt);
            InputConfig.Dates bounds = dates.get();
            if (value instanceof Temporal temporal && !holds(bounds, temporal)) {
                throw new RefusedValueException(p, 422, bounds.bounds(), type);
            }
            return value;
        }

        private static boolean holds(InputConfig.Dates dates, Temporal value) {
            if (value instanceof LocalDate day) {
                return dates.holds(day);
            } else if (value instanceof Instant instant) {
                return dates.holds(instant);
            } else if (value instanceof OffsetDateTime time) {
                return dates.holds(time.toInstant());
            } else if (value instanceof ZonedDateTime time) {
                return dates.holds(time.toInstant());
            } else if (value instanceof LocalDateTime time) {
                return dates.holds(time.toLocalDate());
            }
            return true;
        }
    }
}
