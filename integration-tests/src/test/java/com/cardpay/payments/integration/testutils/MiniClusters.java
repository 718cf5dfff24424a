package com.cardpay.payments.integration.testutils;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the ITCases run on: one TaskManager with 4 slots, for parallelism 2 jobs. */
public final class MiniClusters {
    private MiniClusters() {}

    public static MiniClusterExtension forParallelismTwo() {
        return forParallelismTwo(new Configuration());
    }

    public static MiniClusterExtension forParallelismTwo(Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    }

    /** Parallelism two with Flink's Prometheus reporter on {@code port}, as the job runs in production. */
    public static MiniClusterExtension withPrometheusReporter(int port) {
        Configuration configuration = new Configuration();
        configuration.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        configuration.setString("metrics.reporter.prom.port", Integer.toString(port));
        return forParallelismTwo(configuration);
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Prometheus reporter's text on {@code port}, failing the test unless it answers 200. */
    public static String scrapePrometheus(int port) {
        java.net.URI uri = java.net.URI.create("http://localhost:" + port + "/metrics");
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("GET " + uri + ": is the Prometheus reporter running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
