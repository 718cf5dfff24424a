package com.cardpay.payments.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the running job from the outside, as an operator would: counters from the Prometheus
 * endpoint, checkpoints from the Flink REST API.
 */
final class JobObserver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI prometheus;
    private final URI rest;

    JobObserver(int prometheusPort, int restPort) {
        this.prometheus = URI.create("http://localhost:" + prometheusPort + "/metrics");
        this.rest = URI.create("http://localhost:" + restPort + "/");
    }

    /** The job's own counters, summed over subtasks; DLQ counts as {@code dlq.<code>}. Empty if unreadable. */
    Map<String, Long> counters() {
        String body = get(prometheus);
        if (body == null) {
            return new TreeMap<>();
        }
        try {
            return PrometheusText.paymentsCounters(body);
        } catch (IllegalArgumentException e) {
            return new TreeMap<>();
        }
    }

    /** Completed checkpoints and the latest one's id, or null while none is known. */
    String checkpoints(String jobId) {
        String body = get(rest.resolve("jobs/" + jobId + "/checkpoints"));
        if (body == null) {
            return "n/a";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode latest = root.path("latest").path("completed");
            if (latest.isMissingNode() || latest.isNull()) {
                return "none yet";
            }
            return "#" + latest.path("id").asLong() + " (" + root.path("counts").path("completed").asLong() + " completed, "
                    + latest.path("end_to_end_duration").asLong() + " ms)";
        } catch (Exception e) {
            return "n/a";
        }
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
