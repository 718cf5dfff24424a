package com.cardpay.payments.benchmarks.harness;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the job's Kafka source has emitted so far (its operator's {@code numRecordsOut}, summed
 * over subtasks). Both sources emit exactly one element per Kafka record, so this counts payments
 * read. Under backpressure the source cannot run ahead of the sinks by more than the in-flight
 * buffers, so its rate is the pipeline's sustained rate.
 *
 * <p>Read in process: the MiniCluster runs in this JVM, so a metric reporter ({@link Reporter},
 * installed by {@link #install}) hands the harness the source's own counters. Until issue 16 the
 * harness polled the REST API every 250 ms; each poll made the JobManager fetch and index every
 * metric of the job, which was about 11% of all CPU samples in a pipeline profile (and less for the
 * passthrough, which has far fewer metrics): the harness was measuring itself, against the
 * pipeline.
 *
 * <p>Why not the consumer group's committed offsets: the Kafka source commits them from its fetcher
 * thread, which is blocked while the source is backpressured, so under full load they advance in
 * bursts seconds apart (seen here: flat for 8 s, then the whole rest at once).
 */
final class SourceRecordsMetric {
    private static final String REPORTER = "harness-source-records";
    private static final Map<String, List<SourceCounter>> BY_JOB = new ConcurrentHashMap<>();

    private record SourceCounter(String operatorName, Counter counter) {}

    private final String jobId;
    private final String sourceName;

    SourceRecordsMetric(String jobId, String sourceName) {
        this.jobId = jobId;
        this.sourceName = sourceName;
    }

    /** Adds the reporter to a MiniCluster's configuration. */
    static void install(Configuration flink) {
        flink.setString("metrics.reporter." + REPORTER + ".factory.class", ReporterFactory.class.getName());
    }

    /** The count, or -1 while the job's source has not registered its metric yet. */
    long read() {
        long sum = 0;
        boolean seen = false;
        for (SourceCounter c : BY_JOB.getOrDefault(jobId, List.of())) {
            if (c.operatorName().contains(sourceName)) {
                sum += c.counter().getCount();
                seen = true;
            }
        }
        return seen ? sum : -1;
    }

    /** Forgets a finished job's counters. */
    void close() {
        BY_JOB.remove(jobId);
    }

    /** Keeps each source operator's {@code numRecordsOut} counter, by job id. */
    public static final class Reporter implements MetricReporter {
        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
            Map<String, String> variables = group.getAllVariables();
            String operator = variables.get("<operator_name>");
            String job = variables.get("<job_id>");
            if ("numRecordsOut".equals(metricName) && metric instanceof Counter counter && operator != null
                    && operator.startsWith("Source") && job != null) {
                BY_JOB.computeIfAbsent(job, j -> new CopyOnWriteArrayList<>()).add(new SourceCounter(operator, counter));
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}
    }

    /** Named in the configuration by {@link #install}. */
    public static final class ReporterFactory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }
    }
}
