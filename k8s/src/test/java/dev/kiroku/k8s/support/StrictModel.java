package dev.kiroku.k8s.support;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields a fabric8 model object did not know when it was parsed. fabric8's classes never fail on an
 * unknown field: they keep it in {@code additionalProperties}. A misspelt or misplaced field (say
 * {@code readOnlyRootFileSystem}, or {@code livenessProbe} one level too high) would therefore parse quietly and be
 * ignored by Kubernetes; this walk reports it with its path.
 */
public final class StrictModel {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictModel() {
    }

    public static List<String> unknownFields(Object model) {
        List<String> out = new ArrayList<>();
        walk(model, "", out);
        return out;
    }

    private static void walk(Object node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                walk(o, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Class<?> k = node.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object value = read(f, node);
                if (f.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        for (Object key : extra.keySet()) {
                            out.add((path.isEmpty() ? "" : path + ".") + key);
                        }
                    }
                    continue;
                }
                JsonProperty json = f.getAnnotation(JsonProperty.class);
                String name = json != null && !json.value().isEmpty() ? json.value() : f.getName();
                walk(value, path.isEmpty() ? name : path + "." + name, out);
            }
        }
    }

    private static Object read(Field f, Object target) {
        try {
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f + " of " + target.getClass().getName(), e);
        }
    }
}
