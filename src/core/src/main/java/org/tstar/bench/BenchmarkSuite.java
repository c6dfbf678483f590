package org.tstar.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tstar.ConfigMap;
import org.tstar.InputFile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.config.SparkSettings;

/**
 * A benchmark suite ({@code search-spaces/suites/*.yaml}): tasks, each a space file with changes merged into it,
 * run with one temperature grid and over several training seeds. Every task's space is built and validated when
 * the suite loads, so a bad task is refused before anything trains. {@code searches: grid} runs the grid alone: the
 * observations {@code tstar fit} learns from, at a fifth of the full comparison's cost. {@code spark:} (master, conf)
 * trains every task's trials in one Spark application.
 */
public record BenchmarkSuite(String name, List<Long> seeds, List<Task> tasks, boolean gridOnly,
                             SparkSettings spark) {
    private static final Set<String> KEYS = Set.of("name", "seeds", "grid", "coefficients", "searches", "tasks", "spark");
    private static final Set<String> TASK_KEYS = Set.of("name", "dataset", "space", "seeds", "with");

    /**
     * One task: its name, the dataset it belongs to (the unit of leave-one-dataset-out), the training seeds it runs
     * at (the suite's unless the task names its own) and its merged space.
     */
    public record Task(String name, String dataset, List<Long> seeds, Map<String, Object> document, String where) {

        /** The task's space with the training seed set to {@code seed}. */
        public SearchSpaceDefinition space(long seed) {
            Map<String, Object> doc = merge(document, Map.of("training", Map.of("seed", seed)));
            return SpaceFileReader.parse(yaml(doc), where);
        }

        /** The space as YAML, for the task's report folder. */
        public String text(long seed) {
            return yaml(merge(document, Map.of("training", Map.of("seed", seed))));
        }
    }

    public static BenchmarkSuite load(Path file) {
        String where = file.toString();
        ConfigMap root = ConfigMap.parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": no such suite file"), where).allowOnly(KEYS);
        String name = root.text("name");
        root.check("name", name, name.matches("[A-Za-z0-9._-]{1,80}"), "must be 1-80 letters, digits, '.', '_' or '-'");
        List<Long> seeds = seeds(root, List.of(42L));
        String searches = root.text("searches", "all");
        root.check("searches", searches, searches.equals("all") || searches.equals("grid"), "must be all or grid");
        Map<String, Object> common = new LinkedHashMap<>();
        if (root.has("grid")) {
            ConfigMap g = root.map("grid").allowOnly(Set.of("points", "min", "max"));
            common.put("temperature", Map.of("grid", g.whole("points"), "min", g.number("min"), "max", g.number("max")));
        }
        if (root.has("coefficients")) {
            common.put("analytical", Map.of("coefficients", root.text("coefficients")));
        }
        List<Task> tasks = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigMap t : root.mapList("tasks")) {
            t.allowOnly(TASK_KEYS);
            String taskName = t.text("name");
            t.check("name", taskName, taskName.matches("[A-Za-z0-9._-]{1,80}") && names.add(taskName),
                    "must be a unique name of 1-80 letters, digits, '.', '_' or '-'");
            Path spaceFile = Path.of(t.text("space"));
            Map<String, Object> base = ConfigMap.parse(InputFile.readString(spaceFile, InputFile.CONFIG_LIMIT,
                    where + ": task " + taskName + ": " + spaceFile + ": no such space file"), spaceFile.toString()).toMap();
            // The task's own changes come last, so a task can widen the suite's grid where its optimum sits at a bound.
            Map<String, Object> doc = merge(base, common);
            doc = merge(doc, t.has("with") ? t.map("with").toMap() : Map.of());
            doc = merge(doc, Map.of("name", taskName));
            Task task = new Task(taskName, t.text("dataset"), seeds(t, seeds), doc, where + ": task " + taskName);
            task.space(task.seeds().get(0));
            tasks.add(task);
        }
        root.check("tasks", tasks.size(), !tasks.isEmpty(), "needs at least one task");
        SparkSettings spark = root.has("spark") ? SpaceFileReader.spark(root.map("spark"))
                : SparkSettings.LOCAL;
        return new BenchmarkSuite(name, List.copyOf(seeds), List.copyOf(tasks), searches.equals("grid"), spark);
    }

    private static List<Long> seeds(ConfigMap map, List<Long> otherwise) {
        if (!map.has("seeds")) {
            return otherwise;
        }
        List<Long> seeds = new ArrayList<>();
        for (int s : map.wholeList("seeds")) {
            seeds.add((long) s);
        }
        map.check("seeds", seeds, !seeds.isEmpty() && seeds.size() <= 20 && new LinkedHashSet<>(seeds).size() == seeds.size(),
                "must be 1 to 20 distinct seeds");
        return List.copyOf(seeds);
    }

    /** The number of runs the suite makes: every task at each of its seeds. */
    public int runCount() {
        return tasks.stream().mapToInt(t -> t.seeds().size()).sum();
    }

    /** {@code over} merged into {@code base}: mappings merge key by key, anything else replaces. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, ?> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object old = out.get(k);
            if (old instanceof Map<?, ?> a && v instanceof Map<?, ?> b) {
                out.put(k, merge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String yaml(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(document);
    }
}
