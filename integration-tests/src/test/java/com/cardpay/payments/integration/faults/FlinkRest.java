package com.cardpay.payments.integration.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Flink cluster's REST API says about one job: the same for the MiniCluster and a standalone
 * cluster, so that both fault runs read checkpoints and failures alike. The cluster must be
 * configured with short REST caches ({@link #FRESH}), or checkpoint statistics lag by seconds.
 */
public final class FlinkRest {
    /** Cluster settings that keep what REST reports fresh: the default caches hold it for 3 s. */
    public static final java.util.Map<String, String> FRESH = java.util.Map.of(
            "web.refresh-interval", "100ms", "rest.cache.checkpoint-statistics.timeout", "100ms",
            "web.checkpoints.history", "50", "web.exception-history-size", "100");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String jobId;

    /** One checkpoint as REST reports it; sizes in bytes, duration in ms. */
    public record Checkpoint(long id, String status, long triggerTimestamp, long durationMillis, long checkpointedSize,
            long stateSize, int acknowledged, int subtasks) {}

    /** One failure of the job (a failover), with its root cause's first line. */
    public record Failure(long timestamp, String exception, String task) {}

    public FlinkRest(URI base, String jobId) {
        this.base = base;
        this.jobId = jobId;
    }

    /** The job's state, e.g. RUNNING, RESTARTING. */
    public String jobState() throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Cancels the job and returns once it has reached a terminal state. */
    public void cancel(Duration within) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("cancel: HTTP " + response.statusCode() + ": " + response.body());
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (!List.of("CANCELED", "FAILED", "FINISHED").contains(jobState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " still " + jobState() + " " + within + " after cancel");
            }
            Thread.sleep(100);
        }
    }

    /** True when the job and every one of its tasks run. */
    public boolean allTasksRunning() throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** The checkpoints REST still remembers (the last {@code web.checkpoints.history}), newest first. */
    public List<Checkpoint> checkpoints() throws IOException, InterruptedException {
        List<Checkpoint> out = new ArrayList<>();
        for (JsonNode c : get("/jobs/" + jobId + "/checkpoints").path("history")) {
            out.add(new Checkpoint(c.path("id").asLong(), c.path("status").asText(), c.path("trigger_timestamp").asLong(),
                    c.path("end_to_end_duration").asLong(), c.path("checkpointed_size").asLong(),
                    c.path("state_size").asLong(), c.path("num_acknowledged_subtasks").asInt(),
                    c.path("num_subtasks").asInt()));
        }
        return out;
    }

    /** Completed checkpoints so far, as REST counts them. */
    public long completedCheckpoints() throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The job's failures, oldest first. */
    public List<Failure> failures() throws IOException, InterruptedException {
        List<Failure> out = new ArrayList<>();
        for (JsonNode e : get("/jobs/" + jobId + "/exceptions?maxExceptions=100").path("exceptionHistory").path("entries")) {
            out.add(0, new Failure(e.path("timestamp").asLong(), rootCause(e.path("stacktrace").asText()),
                    e.path("taskName").asText(null)));
        }
        return out;
    }

    /** The last "Caused by" line of a stack trace, or its first line. */
    static String rootCause(String stacktrace) {
        String cause = stacktrace.lines().findFirst().orElse("");
        for (String line : stacktrace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.length() > 200 ? cause.substring(0, 200) + "..." : cause;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
