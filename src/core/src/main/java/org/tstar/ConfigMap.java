package org.tstar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One mapping of a user's YAML file with its location, read through typed accessors that name the file, the
 * dotted field path and the offending value in every refusal. Parsed with SnakeYAML's safe constructor only:
 * plain maps, lists and scalars, never classes.
 */
public final class ConfigMap {
    private final Map<String, Object> values;
    private final String file;
    private final String path;

    private ConfigMap(Map<String, Object> values, String file, String path) {
        this.values = values;
        this.file = file;
        this.path = path;
    }

    /** Parses a whole document, which must be a mapping. */
    public static ConfigMap parse(String text, String file) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            // the file is at most InputFile.CONFIG_LIMIT bytes already; this bounds any one document the same way
            options.setCodePointLimit(InputFile.CONFIG_LIMIT);
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().replace('\n', ' ');
            throw new InvalidInputException(file + ": not valid YAML (" + message + ")");
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": expected a YAML mapping at the top level");
        }
        return new ConfigMap(stringKeys(map, file, ""), file, "");
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map, String file, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidInputException(file + ": key " + InvalidInputException.quote(e.getKey()) + " at " + (path.isEmpty() ? "top level" : path)
                        + " is not a name");
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private String where(String key) {
        return file + ": " + (path.isEmpty() ? key : path + "." + key);
    }

    /** Refuses any key not in {@code allowed}, naming the first. */
    public ConfigMap allowOnly(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException(where(key) + ": unknown key (allowed here: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public ConfigMap map(String key) {
        Object value = require(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(where(key) + ": expected a mapping, got " + InvalidInputException.quote(value));
        }
        return new ConfigMap(stringKeys(map, file, path.isEmpty() ? key : path + "." + key), file,
                path.isEmpty() ? key : path + "." + key);
    }

    public String text(String key) {
        Object value = require(key);
        if (value instanceof Map || value instanceof List) {
            throw new InvalidInputException(where(key) + ": expected a single value, got " + InvalidInputException.quote(value));
        }
        return String.valueOf(value);
    }

    public String text(String key, String fallback) {
        return has(key) ? text(key) : fallback;
    }

    public double number(String key) {
        Object value = require(key);
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new InvalidInputException(where(key) + ": " + InvalidInputException.quote(value) + " is not a finite number");
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public long whole(String key) {
        Object value = require(key);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new InvalidInputException(where(key) + ": " + InvalidInputException.quote(value) + " is not a whole number");
    }

    public long whole(String key, long fallback) {
        return has(key) ? whole(key) : fallback;
    }

    public boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = values.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidInputException(where(key) + ": " + InvalidInputException.quote(value) + " is not true or false");
    }

    public List<Integer> wholeList(String key) {
        if (!has(key)) {
            return List.of();
        }
        Object value = values.get(key);
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(where(key) + ": expected a list of whole numbers, got " + InvalidInputException.quote(value));
        }
        for (Object item : list) {
            if (!(item instanceof Integer)) {
                throw new InvalidInputException(where(key) + ": " + InvalidInputException.quote(item) + " is not a whole number");
            }
        }
        return list.stream().map(o -> (Integer) o).toList();
    }

    /** A list of finite numbers; empty when absent. */
    public List<Double> numberList(String key) {
        if (!has(key)) {
            return List.of();
        }
        Object value = values.get(key);
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(where(key) + ": expected a list of numbers, got " + InvalidInputException.quote(value));
        }
        for (Object item : list) {
            if (!(item instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new InvalidInputException(where(key) + ": " + InvalidInputException.quote(item) + " is not a finite number");
            }
        }
        return list.stream().map(o -> ((Number) o).doubleValue()).toList();
    }

    /** A list of mappings, each named {@code key[i]} in messages; empty when absent. */
    public List<ConfigMap> mapList(String key) {
        if (!has(key)) {
            return List.of();
        }
        Object value = values.get(key);
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(where(key) + ": expected a list of mappings, got " + InvalidInputException.quote(value));
        }
        List<ConfigMap> maps = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = (path.isEmpty() ? key : path + "." + key) + "[" + (i + 1) + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new InvalidInputException(file + ": " + at + ": expected a mapping, got " + InvalidInputException.quote(list.get(i)));
            }
            maps.add(new ConfigMap(stringKeys(map, file, at), file, at));
        }
        return maps;
    }

    /** The mapping's plain values (nested maps and lists as SnakeYAML read them), for merging documents. */
    public Map<String, Object> toMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** A refusal of this mapping as a whole (file and dotted path named), for rules spanning several keys. */
    public InvalidInputException refusal(String message) {
        return new InvalidInputException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** Checks a value read from {@code key} against a condition, naming the field when it fails. */
    public <T> T check(String key, T value, boolean ok, String requirement) {
        if (!ok) {
            throw new InvalidInputException(where(key) + ": " + requirement + ", got " + InvalidInputException.shorten(value));
        }
        return value;
    }

    private Object require(String key) {
        if (!has(key)) {
            throw new InvalidInputException(where(key) + ": missing");
        }
        return values.get(key);
    }
}
