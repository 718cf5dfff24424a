package com.cardpay.payments.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checkpoint statistics of a running job, from the MiniCluster's REST API: exactly-once output is
 * visible about one checkpoint interval plus one checkpoint duration after it was read, so the
 * durations explain the latency figures.
 */
record CheckpointStats(long completed, long failed, double p50Millis, double p99Millis, double maxMillis,
        long latestStateBytes) {
    static final CheckpointStats UNKNOWN = new CheckpointStats(-1, -1, Double.NaN, Double.NaN, Double.NaN, -1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static CheckpointStats read(int restPort, String jobId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + restPort + "/jobs/" + jobId + "/checkpoints"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return UNKNOWN;
            }
            JsonNode root = JSON.readTree(response.body());
            JsonNode duration = root.path("summary").path("end_to_end_duration");
            return new CheckpointStats(root.path("counts").path("completed").asLong(-1), root.path("counts").path("failed").asLong(-1),
                    duration.path("p50").asDouble(Double.NaN), duration.path("p99").asDouble(Double.NaN),
                    duration.path("max").asDouble(Double.NaN),
                    // the full size of the newest completed checkpoint (RocksDB's incremental ones included)
                    root.path("latest").path("completed").path("state_size").asLong(-1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        } catch (Exception e) {
            return UNKNOWN;
        }
    }
}
