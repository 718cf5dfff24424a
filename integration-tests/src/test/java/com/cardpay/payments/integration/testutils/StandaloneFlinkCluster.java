package com.cardpay.payments.integration.testutils;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real standalone Flink 2.2 session cluster (one JobManager and one or more TaskManager processes)
 * built from Flink's own jars, and a {@code flink run} client, as separate JVMs. TaskManagers can be
 * killed ({@code kill -9}) and started again, for the fault suite's larger run. The classpath is this
 * JVM's, minus everything a stock Flink distribution does not ship (our code, the Kafka client and
 * connector, the Vault driver, Jackson, test libraries), so the job jar must bring those itself.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final List<String> NOT_IN_FLINK_DIST = List.of("/com/cardpay/", "/org/apache/kafka/",
            "flink-connector-kafka", "/io/github/jopenlibs/", "/com/fasterxml/jackson/", "/target/", "/org/junit/",
            "/org/assertj/", "/com/networknt/", "/org/scala-lang/", "-tests.jar", "flink-test-utils", "/org/opentest4j/", "/com/tngtech/");

    private final Path dir;
    private final String classpath;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> taskManagers = new ArrayList<>();
    private List<String> taskManagerJvmArgs = List.of();
    private List<String> taskManagerArgs = List.of();

    private StandaloneFlinkCluster(Path dir, String classpath, int restPort) {
        this.dir = dir;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /** One TaskManager with two slots. */
    public static StandaloneFlinkCluster start(Path dir) throws Exception {
        return start(dir, 1, 2, Map.of());
    }

    /**
     * @param extraConfig more Flink settings, added to (or replacing) the cluster's own
     */
    public static StandaloneFlinkCluster start(Path dir, int taskManagers, int slotsPerTaskManager,
            Map<String, String> extraConfig) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_IN_FLINK_DIST.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        int restPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Map<String, String> config = new LinkedHashMap<>();
        for (String line : List.of(
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.host: localhost",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.memory.process.size: 1536m",
                "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
                "taskmanager.cpu.cores: 2",
                "parallelism.default: 2")) {
            config.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
        }
        config.putAll(extraConfig);
        StringBuilder yaml = new StringBuilder();
        config.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, classpath, restPort);
        cluster.launch("jobmanager", List.of(), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("--configDir", conf.toString()));
        // TaskManagerRunner refuses to start without the memory settings that Flink's start
        // scripts compute with BashJavaUtils.
        List<String> params = cluster.run(List.of(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                List.of("GET_TM_RESOURCE_PARAMS", "--configDir", conf.toString()), Duration.ofMinutes(1)).output().lines()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        cluster.taskManagerJvmArgs = Arrays.asList(params.get(0).trim().split("\\s+"));
        cluster.taskManagerArgs = args;
        for (int i = 0; i < taskManagers; i++) {
            cluster.startTaskManager();
        }
        cluster.awaitTaskManagers(taskManagers, Duration.ofMinutes(2));
        return cluster;
    }

    /** Starts one more TaskManager process; it registers with the JobManager by itself. */
    public void startTaskManager() throws IOException {
        Process process = builder(taskManagerJvmArgs, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                taskManagerArgs).redirectOutput(dir.resolve("taskmanager-" + taskManagers.size() + ".log").toFile()).start();
        taskManagers.add(process);
        processes.add(process);
    }

    /** {@code kill -9} of the {@code index}-th TaskManager started; returns its pid once it is gone. */
    public long killTaskManager(int index) throws InterruptedException {
        Process process = taskManagers.get(index);
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the JobManager
        process.waitFor();
        return process.pid();
    }

    /**
     * {@code flink run -d <jar> <args>}: submits the job and returns its id without waiting for it,
     * for a job that runs until cancelled.
     */
    public String submitDetached(Path jar, List<String> jobArgs, Duration timeout) throws Exception {
        return submitDetached(List.of(), jar, jobArgs, timeout);
    }

    /** As {@link #submitDetached(Path, List, Duration)}, with {@code flink run} options first ({@code -s}, {@code -p}). */
    public String submitDetached(List<String> runOptions, Path jar, List<String> jobArgs, Duration timeout) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        args.addAll(runOptions);
        args.add(jar.toString());
        args.addAll(jobArgs);
        Result run = run(List.of(), "org.apache.flink.client.cli.CliFrontend", args, timeout);
        Matcher id = Pattern.compile("JobID ([0-9a-f]{32})").matcher(run.output());
        if (run.exitCode() != 0 || !id.find()) {
            throw new AssertionError("flink run -d failed (exit " + run.exitCode() + "):\n" + run.output());
        }
        return id.group(1);
    }

    /** The JobManager's REST endpoint. */
    public URI restUri() {
        return URI.create("http://localhost:" + restPort + "/");
    }

    /** {@code flink run <jar> <args>}, attached: returns when the job has finished. */
    public Result flinkRun(Path jar, List<String> jobArgs, Duration timeout) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", jar.toString()));
        args.addAll(jobArgs);
        return run(List.of(), "org.apache.flink.client.cli.CliFrontend", args, timeout);
    }

    /** Any {@code flink} CLI command ({@code stop}, {@code cancel}, ...), attached. */
    public Result flink(List<String> args, Duration timeout) throws Exception {
        return run(List.of(), "org.apache.flink.client.cli.CliFrontend", args, timeout);
    }

    /** What a finished process printed, and its exit code. */
    public record Result(int exitCode, String output) {}

    private Result run(List<String> jvmArgs, String mainClass, List<String> args, Duration timeout) throws Exception {
        Path log = Files.createTempFile(dir, "run-", ".log");
        Process process = builder(jvmArgs, mainClass, args).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private void launch(String name, List<String> jvmArgs, String mainClass, List<String> args) throws IOException {
        processes.add(builder(jvmArgs, mainClass, args).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    private ProcessBuilder builder(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("flink.jvm.opens", "").trim().split("\\s+")));
        command.addAll(jvmArgs);
        command.add("-Dlog.file=" + dir.resolve("flink.log"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
        return builder;
    }

    private void awaitTaskManagers(int count, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String overview = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher registered = Pattern.compile("\"taskmanagers\":(\\d+)").matcher(overview);
                if (registered.find() && Integer.parseInt(registered.group(1)) >= count) {
                    return;
                }
            } catch (IOException notYet) {
                // the JobManager is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError(count + " TaskManagers not registered within " + timeout + "; see logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
