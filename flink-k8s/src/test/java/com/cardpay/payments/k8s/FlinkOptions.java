package com.cardpay.payments.k8s;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a flinkConfiguration key may be, read from the code that reads it:
 * <ul>
 *   <li>Flink 2.2's own options: every static {@link ConfigOption} field of every {@code *Options}
 *       class in the Flink jars on the test classpath (flink-core, -runtime, -clients,
 *       -statebackend-rocksdb, -metrics-prometheus, -kubernetes), with their fallback keys;
 *       deprecated keys are refused, naming the current one;</li>
 *   <li>{@code metrics.reporter.<name>.<option>}: the reporter options of MetricOptions, and for
 *       the Prometheus reporter its own {@code port} (PrometheusReporterFactory.ARG_PORT);</li>
 *   <li>{@code s3.*}: the S3 plugin's own options, and what it passes to Hadoop S3A as
 *       {@code fs.s3a.*} (after its mirrored keys), which must be an S3A key (Hadoop's
 *       {@code Constants}, read from the plugin jar in a class loader of its own);</li>
 *   <li>{@code job.autoscaler.*}: the options of flink-autoscaler 1.10.0's AutoScalerOptions, read
 *       from that jar in a class loader of its own;</li>
 *   <li>{@code kubernetes.operator.*}: the hand-kept list in flink-k8s/operator-config-keys.txt
 *       (the operator's jar is not on Maven Central here).</li>
 * </ul>
 */
final class FlinkOptions {
    private static FlinkOptions instance;

    /** Current key to option (Flink's own and the autoscaler's). */
    final Map<String, ConfigOption<?>> options = new HashMap<>();
    /** Deprecated key to the option that replaces it. */
    final Map<String, ConfigOption<?>> deprecated = new HashMap<>();
    /** Reporter options, relative to metrics.reporter.<name>. */
    final Set<String> reporterOptions = new HashSet<>();
    /** Flink S3 plugin options (s3.*), and Hadoop S3A keys (fs.s3a.*). */
    final Set<String> s3Options = new HashSet<>();
    final Set<String> s3aKeys = new HashSet<>();
    final Map<String, String> s3Mirrors = new HashMap<>();
    final Set<String> autoscalerKeys = new HashSet<>();
    final Map<String, String> operatorKeys = new LinkedHashMap<>();
    final String prometheusPortKey;
    final List<String> unloadable = new ArrayList<>();
    int optionClasses;

    static synchronized FlinkOptions get() {
        if (instance == null) {
            instance = new FlinkOptions();
        }
        return instance;
    }

    private FlinkOptions() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("flink-") && name.endsWith(".jar")) {
                scanJar(Path.of(entry), FlinkOptions.class.getClassLoader());
            }
        }
        Path isolated = Path.of("target/isolated");
        Path absolute = Manifests.root().resolve(isolated);
        try {
            URLClassLoader s3 = new URLClassLoader(new URL[] {absolute.resolve("flink-s3-fs-hadoop.jar").toUri().toURL()},
                    FlinkOptions.class.getClassLoader());
            Class<?> constants = s3.loadClass("org.apache.hadoop.fs.s3a.Constants");
            for (Field f : constants.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    f.setAccessible(true);
                    String v = (String) f.get(null);
                    if (v != null && v.startsWith("fs.s3a.")) {
                        s3aKeys.add(v);
                    }
                }
            }
            Class<?> factory = s3.loadClass("org.apache.flink.fs.s3hadoop.S3FileSystemFactory");
            Field mirrored = factory.getDeclaredField("MIRRORED_CONFIG_KEYS");
            mirrored.setAccessible(true);
            for (String[] pair : (String[][]) mirrored.get(null)) {
                s3Mirrors.put(pair[0], pair[1]);
            }
            for (String cls : List.of("org.apache.flink.fs.s3.common.AbstractS3FileSystemFactory", "org.apache.flink.fs.s3hadoop.S3FileSystemFactory")) {
                for (ConfigOption<?> o : staticOptions(s3.loadClass(cls))) {
                    s3Options.add(o.key());
                }
            }

            URLClassLoader autoscaler = new URLClassLoader(new URL[] {absolute.resolve("flink-autoscaler.jar").toUri().toURL()},
                    FlinkOptions.class.getClassLoader());
            for (ConfigOption<?> o : staticOptions(autoscaler.loadClass("org.apache.flink.autoscaler.config.AutoScalerOptions"))) {
                add(o);
                autoscalerKeys.add(o.key());
            }

            Class<?> prom = Class.forName("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            Field port = prom.getDeclaredField("ARG_PORT");
            port.setAccessible(true);
            prometheusPortKey = (String) port.get(null);
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("Cannot read option keys from " + isolated + " or the Prometheus reporter: " + e, e);
        }
        if (s3aKeys.size() < 50 || autoscalerKeys.size() < 20 || options.size() < 500) {
            throw new IllegalStateException("Too few options read (Flink " + options.size() + ", S3A " + s3aKeys.size()
                    + ", autoscaler " + autoscalerKeys.size() + "): the classpath scan is broken");
        }
        for (String line : Manifests.read(Manifests.root().resolve("operator-config-keys.txt")).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                String[] parts = t.split("\\s+", 2);
                operatorKeys.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
    }

    private void scanJar(Path jar, ClassLoader loader) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jf.entries();
            while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (!n.startsWith("org/apache/flink/") || !n.endsWith("Options.class") || n.contains("$")) {
                    continue;
                }
                String cls = n.substring(0, n.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> c = Class.forName(cls, true, loader);
                    List<ConfigOption<?>> found = staticOptions(c);
                    if (!found.isEmpty()) {
                        optionClasses++;
                    }
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                            f.setAccessible(true);
                            ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                            if (o == null) {
                                continue;
                            }
                            // Reporter options are relative to metrics.reporter.<name> (and traces/events).
                            if (f.getName().startsWith("REPORTER_") || f.getName().startsWith("TRACE_REPORTER_")
                                    || f.getName().startsWith("EVENT_REPORTER_")) {
                                reporterOptions.add(o.key());
                            } else {
                                add(o);
                            }
                        }
                    }
                } catch (Throwable e) {
                    unloadable.add(cls + ": " + e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(ConfigOption<?> o) {
        options.put(o.key(), o);
        for (FallbackKey fk : o.fallbackKeys()) {
            if (fk.isDeprecated()) {
                deprecated.putIfAbsent(fk.getKey(), o);
            } else {
                options.putIfAbsent(fk.getKey(), o);
            }
        }
    }

    private static List<ConfigOption<?>> staticOptions(Class<?> c) throws IllegalAccessException {
        List<ConfigOption<?>> list = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                Object v = f.get(null);
                if (v != null) {
                    list.add((ConfigOption<?>) v);
                }
            }
        }
        return list;
    }

    /**
     * Problems of one flinkConfiguration entry: an unknown or deprecated key, or a value that its
     * option cannot parse. Empty when it is fine.
     */
    List<String> check(String key, String value, Map<String, String> whole) {
        List<String> problems = new ArrayList<>();
        if (deprecated.containsKey(key) && !options.containsKey(key)) {
            problems.add(key + ": deprecated, use " + deprecated.get(key).key());
            return problems;
        }
        ConfigOption<?> option = options.get(key);
        if (option != null) {
            try {
                Configuration c = Configuration.fromMap(Map.of(key, value));
                c.get(option);
            } catch (RuntimeException e) {
                problems.add(key + ": value '" + value + "' is not a valid " + option.key() + ": " + e.getMessage());
            }
            return problems;
        }
        if (key.startsWith("metrics.reporter.")) {
            String rest = key.substring("metrics.reporter.".length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                String name = rest.substring(0, dot);
                String rel = rest.substring(dot + 1);
                if (reporterOptions.contains(rel)) {
                    return problems;
                }
                String factory = whole.get("metrics.reporter." + name + ".factory.class");
                if (rel.equals(prometheusPortKey) && "org.apache.flink.metrics.prometheus.PrometheusReporterFactory".equals(factory)) {
                    return problems;
                }
            }
            problems.add(key + ": not an option of reporter configuration (MetricOptions' reporter options, or the Prometheus reporter's '"
                    + prometheusPortKey + "')");
            return problems;
        }
        if (key.startsWith("s3.")) {
            if (s3Options.contains(key)) {
                return problems;
            }
            String hadoop = "fs.s3a." + key.substring("s3.".length());
            hadoop = s3Mirrors.getOrDefault(hadoop, hadoop);
            if (!s3aKeys.contains(hadoop)) {
                problems.add(key + ": the S3 plugin passes it to Hadoop as " + hadoop + ", which is not an S3A key");
            }
            return problems;
        }
        if (operatorKeys.containsKey(key)) {
            return problems;
        }
        problems.add(key + ": not a Flink 2.2 option, nor an autoscaler (flink-autoscaler 1.10.0) or listed operator key"
                + " (flink-k8s/operator-config-keys.txt)" + suggestion(key));
        return problems;
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : options.keySet()) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
