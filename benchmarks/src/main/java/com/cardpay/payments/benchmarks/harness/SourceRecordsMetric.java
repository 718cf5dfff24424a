package com.cardpay.payments.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records the job's Kafka source has emitted so far (its operator's {@code numRecordsOut}, summed
 * over subtasks), read from the MiniCluster's REST API. Both sources emit exactly one element per
 * Kafka record, so this counts payments read. Under backpressure the source cannot run ahead of
 * the sinks by more than the in-flight buffers, so its rate is the pipeline's sustained rate.
 *
 * <p>Why not the consumer group's committed offsets: the Kafka source commits them from its fetcher
 * thread, which is blocked while the source is backpressured, so under full load they advance in
 * bursts seconds apart (seen here: flat for 8 s, then the whole rest at once).
 */
final class SourceRecordsMetric {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String sourceName;
    private String vertexId;
    private String metricId;

    SourceRecordsMetric(int restPort, String jobId, String sourceName) {
        this.base = "http://localhost:" + restPort + "/jobs/" + jobId;
        this.sourceName = sourceName;
    }

    /** The count, or -1 while the job or its metric is not visible yet. */
    long read() throws IOException, InterruptedException {
        if (metricId == null && !resolve()) {
            return -1;
        }
        JsonNode values = get(base + "/vertices/" + vertexId + "/subtasks/metrics?agg=sum&get="
                + URLEncoder.encode(metricId, StandardCharsets.UTF_8));
        if (values == null || !values.isArray() || values.isEmpty()) {
            return -1;
        }
        return (long) values.get(0).path("sum").asDouble(-1);
    }

    private boolean resolve() throws IOException, InterruptedException {
        JsonNode job = get(base);
        if (job == null) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("name").asText().contains(sourceName)) {
                vertexId = vertex.path("id").asText();
            }
        }
        if (vertexId == null) {
            return false;
        }
        JsonNode metrics = get(base + "/vertices/" + vertexId + "/subtasks/metrics");
        if (metrics == null) {
            return false;
        }
        for (JsonNode metric : metrics) {
            String id = metric.path("id").asText();
            if (id.startsWith("Source") && id.endsWith(".numRecordsOut")) {
                metricId = id;
                return true;
            }
        }
        return false;
    }

    private JsonNode get(String uri) throws IOException, InterruptedException {
        // 15 s, not 5: on a shared 2-core machine (load 30+) the MiniCluster's REST answer took longer and failed a run.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
