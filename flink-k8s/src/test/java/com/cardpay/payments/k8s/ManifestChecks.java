package com.cardpay.payments.k8s;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.jobs.config.ConfigKey;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks, one method per kind, shared by the tests of the real manifests and by the test that
 * plants errors in copies of them (so the same code that passes the manifests is shown to fail).
 */
final class ManifestChecks {
    private ManifestChecks() {}

    // ---- (a) schema, strict ----------------------------------------------------------------

    static List<String> schema(List<Manifests.Doc> docs) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Doc d : docs) {
            problems.addAll(StrictSchemas.get().validate(d));
        }
        return problems;
    }

    // ---- (b) flinkConfiguration keys ---------------------------------------------------------

    /** flinkConfiguration, flattened (nested YAML maps become dotted keys), values as text. */
    static Map<String, String> flinkConfiguration(Manifests.Doc deployment, List<String> problems) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", deployment.node().path("spec").path("flinkConfiguration"), flat, deployment, problems);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Manifests.Doc d, List<String> problems) {
        if (node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out, d, problems);
            }
        } else if (node.isValueNode() && !node.isNull()) {
            out.put(prefix, node.asText());
        } else {
            problems.add(d.label() + ": flinkConfiguration." + prefix + ": must be a single value, not " + node.getNodeType());
        }
    }

    static List<String> flinkKeys(List<Manifests.Doc> docs) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Doc d : docs) {
            if (!isFlinkDeployment(d)) {
                continue;
            }
            Map<String, String> conf = flinkConfiguration(d, problems);
            for (Map.Entry<String, String> e : conf.entrySet()) {
                for (String p : FlinkOptions.get().check(e.getKey(), e.getValue(), conf)) {
                    problems.add(d.label() + ": flinkConfiguration: " + p);
                }
            }
        }
        return problems;
    }

    static boolean isFlinkDeployment(Manifests.Doc d) {
        return d.kind().equals("FlinkDeployment") && d.apiVersion().startsWith("flink.apache.org/");
    }

    // ---- (c) the job's own configuration -----------------------------------------------------

    /**
     * For each FlinkDeployment of one rendered kustomization: its job arguments, with the config
     * file taken from the ConfigMap mounted where {@code --config} points, go through the job's own
     * loader and validation (PaymentsConfigLoader, PaymentsConfig); then the cluster's
     * flinkConfiguration must agree with what the job sets (FlinkSettings), and the deployment with
     * the job (parallelism, autoscaler bounds, no insecure settings).
     */
    static List<String> jobConfig(List<Manifests.Doc> rendered) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Doc d : rendered) {
            if (!isFlinkDeployment(d)) {
                continue;
            }
            Optional<PaymentsConfig> config = loadJobConfig(d, rendered, problems);
            if (config.isEmpty()) {
                continue;
            }
            problems.addAll(agreement(d, config.get()));
        }
        return problems;
    }

    static Optional<PaymentsConfig> loadJobConfig(Manifests.Doc d, List<Manifests.Doc> rendered, List<String> problems) {
        JsonNode job = d.node().path("spec").path("job");
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        int configAt = -1;
        String configPath = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config") && i + 1 < args.size()) {
                configAt = i + 1;
                configPath = args.get(i + 1);
            } else if (args.get(i).startsWith("--config=")) {
                configAt = i;
                configPath = args.get(i).substring("--config=".length());
            }
        }
        if (configPath != null) {
            Optional<String> content = mountedFile(d, rendered, configPath, problems);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            try {
                Path tmp = Files.createTempFile("job", ".properties");
                tmp.toFile().deleteOnExit();
                Files.writeString(tmp, content.get(), StandardCharsets.UTF_8);
                args.set(configAt, args.get(configAt).startsWith("--config=") ? "--config=" + tmp : tmp.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return Optional.of(PaymentsConfigLoader.load(args.toArray(String[]::new)));
        } catch (ConfigException e) {
            problems.add(d.label() + ": the job refuses its configuration (spec.job.args"
                    + (configPath != null ? " and " + configPath : "") + "): " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The file at {@code path} in the main container: a key of a ConfigMap of the same rendering. */
    private static Optional<String> mountedFile(Manifests.Doc d, List<Manifests.Doc> rendered, String path, List<String> problems) {
        Path file = Path.of(path);
        String dir = file.getParent().toString();
        JsonNode podSpec = d.node().path("spec").path("podTemplate").path("spec");
        String volume = null;
        for (JsonNode c : podSpec.path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                for (JsonNode m : c.path("volumeMounts")) {
                    if (m.path("mountPath").asText().equals(dir)) {
                        volume = m.path("name").asText();
                    }
                }
            }
        }
        if (volume == null) {
            problems.add(d.label() + ": --config " + path + ": no volume of flink-main-container is mounted at " + dir);
            return Optional.empty();
        }
        String configMap = null;
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                configMap = v.path("configMap").path("name").asText(null);
            }
        }
        if (configMap == null) {
            problems.add(d.label() + ": --config " + path + ": volume " + volume + " is not a ConfigMap");
            return Optional.empty();
        }
        for (Manifests.Doc cm : rendered) {
            if (cm.kind().equals("ConfigMap") && cm.name().equals(configMap)) {
                JsonNode data = cm.node().path("data").path(file.getFileName().toString());
                if (data.isTextual()) {
                    return Optional.of(data.asText());
                }
                problems.add(d.label() + ": --config " + path + ": ConfigMap " + configMap + " has no key " + file.getFileName());
                return Optional.empty();
            }
        }
        problems.add(d.label() + ": --config " + path + ": ConfigMap " + configMap + " is not in the same rendering");
        return Optional.empty();
    }

    private static final Pattern DIVIDES = Pattern.compile("\\d+");

    static List<String> agreement(Manifests.Doc d, PaymentsConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<String, String> conf = flinkConfiguration(d, ignored);
        Configuration jobSets = FlinkSettings.of(config);
        Configuration clusterOnly = FlinkSettings.clusterSettings(config);
        FlinkOptions options = FlinkOptions.get();
        for (String key : jobSets.keySet()) {
            ConfigOption<?> option = options.options.get(key);
            if (option == null) {
                problems.add(d.label() + ": FlinkSettings sets " + key + ", which is not a known option");
                continue;
            }
            String manifest = conf.get(key);
            if (manifest == null) {
                if (clusterOnly.containsKey(key)) {
                    problems.add(d.label() + ": flinkConfiguration must set " + key + " (" + jobSets.toMap().get(key)
                            + "): a cluster setting the job cannot set for itself on a cluster");
                }
                continue;
            }
            Object want = jobSets.get(option);
            Object have;
            try {
                have = Configuration.fromMap(Map.of(key, manifest)).get(option);
            } catch (RuntimeException e) {
                continue; // reported by the key check
            }
            if (!want.equals(have)) {
                problems.add(d.label() + ": flinkConfiguration " + key + " is '" + manifest + "' but the job's configuration makes it '"
                        + jobSets.toMap().get(key) + "'");
            }
        }
        String upgradeMode = d.node().path("spec").path("job").path("upgradeMode").asText("");
        if (upgradeMode.equals("savepoint") || upgradeMode.equals("last-state")) {
            for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
                if (!conf.containsKey(key)) {
                    problems.add(d.label() + ": upgradeMode " + upgradeMode + " needs " + key + " in flinkConfiguration");
                }
            }
        }
        if ("kubernetes".equals(conf.get("high-availability.type")) && !conf.containsKey("high-availability.storageDir")) {
            problems.add(d.label() + ": Kubernetes HA needs high-availability.storageDir");
        }
        int specParallelism = d.node().path("spec").path("job").path("parallelism").asInt(-1);
        if (specParallelism != config.parallelism()) {
            problems.add(d.label() + ": spec.job.parallelism " + specParallelism + " differs from the job's job.parallelism "
                    + config.parallelism() + " (the job sets its own; the operator sizes TaskManagers from the spec)");
        }
        String max = conf.get("job.autoscaler.vertex.max-parallelism");
        String min = conf.get("job.autoscaler.vertex.min-parallelism");
        if ("true".equals(conf.get("job.autoscaler.enabled"))) {
            if (max == null || !DIVIDES.matcher(max).matches()) {
                problems.add(d.label() + ": the autoscaler needs job.autoscaler.vertex.max-parallelism (the partition count of "
                        + config.topics().raw() + ")");
            } else {
                int m = Integer.parseInt(max);
                if (m > config.maxParallelism() || config.maxParallelism() % m != 0) {
                    problems.add(d.label() + ": job.autoscaler.vertex.max-parallelism " + m + " must divide job.max-parallelism "
                            + config.maxParallelism() + " (even key groups at the ceiling)");
                }
                if (specParallelism > m) {
                    problems.add(d.label() + ": spec.job.parallelism " + specParallelism + " is above the autoscaler's ceiling " + m);
                }
                if (min != null && DIVIDES.matcher(min).matches() && Integer.parseInt(min) > specParallelism) {
                    problems.add(d.label() + ": spec.job.parallelism " + specParallelism + " is below the autoscaler's floor " + min);
                }
            }
        }
        if (config.developmentAllowInsecure()) {
            problems.add(d.label() + ": " + ConfigKey.DEVELOPMENT_ALLOW_INSECURE.key() + " must never be set in a deployment");
        }
        if (!config.checkpoints().usesS3()) {
            problems.add(d.label() + ": checkpoint.storage must be s3:// on Kubernetes (pods' disks go with the pods)");
        }
        return problems;
    }

    // ---- no secrets --------------------------------------------------------------------------

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|access-key|accesskey|token|credential).*");

    /**
     * No Secret objects, no secret-looking flinkConfiguration key with a value, no container
     * environment variable with a secret-looking name and a literal value.
     */
    static List<String> secrets(List<Manifests.Doc> docs) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Doc d : docs) {
            if (d.kind().equals("Secret")) {
                problems.add(d.label() + ": a Secret in a manifest; secrets come from Vault as files");
            }
            if (isFlinkDeployment(d)) {
                List<String> ignored = new ArrayList<>();
                for (Map.Entry<String, String> e : flinkConfiguration(d, ignored).entrySet()) {
                    if (SECRET_KEY.matcher(e.getKey()).matches() && !e.getKey().equals("s3.aws.credentials.provider")) {
                        problems.add(d.label() + ": flinkConfiguration " + e.getKey() + " holds a secret");
                    }
                }
            }
            scanEnv(d, d.node(), problems);
        }
        return problems;
    }

    private static void scanEnv(Manifests.Doc d, JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode env = node.get("env");
            if (env != null && env.isArray()) {
                for (JsonNode e : env) {
                    String name = e.path("name").asText("");
                    if (e.has("value") && SECRET_KEY.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                        problems.add(d.label() + ": environment variable " + name + " has a literal value");
                    }
                }
            }
            node.elements().forEachRemaining(c -> scanEnv(d, c, problems));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(c -> scanEnv(d, c, problems));
        }
    }
}
