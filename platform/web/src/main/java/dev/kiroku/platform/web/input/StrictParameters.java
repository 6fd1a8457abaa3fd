package dev.kiroku.platform.web.input;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts the query and header parameters of every resource strictly, naming the parameter when it refuses one:
 * a malformed number, boolean, UUID, date, instant or enum value is a {@code 400} (Quarkus REST would answer a 404 for
 * a query parameter), a date or instant outside {@link InputConfig.Dates} a {@code 422}. Path parameters keep the
 * default conversion: a path whose id is not an id names no resource (404).
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    private final Instance<InputConfig> config;

    /** The bounds are read when a date is converted: providers may be created before runtime config exists. */
    public StrictParameters(Instance<InputConfig> config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Named named = named(annotations);
        if (named == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(named, "must be an integer", Integer::valueOf);
        } else if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(named, "must be an integer", Long::valueOf);
        } else if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(named, "must be true or false", StrictParameters::bool);
        } else if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(named, "must be a UUID", StrictParameters::uuid);
        } else if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(named, "must be a date as YYYY-MM-DD", value -> {
                LocalDate day = LocalDate.parse(value);
                InputConfig.Dates dates = config.get().dates();
                if (!dates.holds(day)) {
                    throw new RefusedParameterException(422, named.name(), named.in(), dates.bounds());
                }
                return day;
            });
        } else if (rawType == Instant.class || rawType == OffsetDateTime.class) {
            return (ParamConverter<T>) converter(named, "must be an instant in ISO 8601 format with an offset",
                    value -> {
                        OffsetDateTime time = OffsetDateTime.parse(value);
                        InputConfig.Dates dates = config.get().dates();
                        if (!dates.holds(time.toInstant())) {
                            throw new RefusedParameterException(422, named.name(), named.in(), dates.bounds());
                        }
                        return rawType == Instant.class ? time.toInstant() : time;
                    });
        } else if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(named, "must be one of " + names,
                    value -> Enum.valueOf(type, value));
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(Named named, String expected, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                String refusal = Texts.refusal(value);
                if (refusal != null) {
                    throw new RefusedParameterException(400, named.name(), named.in(), refusal);
                }
                try {
                    return parse.apply(value);
                } catch (RefusedParameterException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new RefusedParameterException(400, named.name(), named.in(), expected);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static UUID uuid(String value) {
        UUID id = UUID.fromString(value);
        if (!id.toString().equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return id;
    }

    private static Named named(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return new Named(q.value(), "query");
            } else if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return new Named(q.value(), "query");
            } else if (a instanceof HeaderParam h) {
                return new Named(h.value(), "header");
            } else if (a instanceof RestHeader h && !h.value().isEmpty()) {
                return new Named(h.value(), "header");
            }
        }
        return null;
    }

    private record Named(String name, String in) {
    }
}
