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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real standalone Flink 2.2 session cluster (one JobManager and one TaskManager process) built
 * from Flink's own jars, and a {@code flink run} client, as separate JVMs. The classpath is this
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

    private StandaloneFlinkCluster(Path dir, String classpath, int restPort) {
        this.dir = dir;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    public static StandaloneFlinkCluster start(Path dir) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_IN_FLINK_DIST.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        int restPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
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
                "taskmanager.numberOfTaskSlots: 2",
                "taskmanager.cpu.cores: 2",
                "parallelism.default: 2",
                ""));
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
        cluster.launch("taskmanager", Arrays.asList(params.get(0).trim().split("\\s+")),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args);
        cluster.awaitTaskManager(Duration.ofMinutes(2));
        return cluster;
    }

    /** {@code flink run <jar> <args>}, attached: returns when the job has finished. */
    public Result flinkRun(Path jar, List<String> jobArgs, Duration timeout) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", jar.toString()));
        args.addAll(jobArgs);
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

    private void awaitTaskManager(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String overview = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (overview.contains("\"taskmanagers\":1")) {
                    return;
                }
            } catch (IOException notYet) {
                // the JobManager is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no TaskManager registered within " + timeout + "; see logs in " + dir);
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
