package com.cardpay.payments.autoscalerdemo;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.autoscaler.JobAutoScalerContext;
import org.apache.flink.autoscaler.JobAutoScalerImpl;
import org.apache.flink.autoscaler.RestApiMetricsCollector;
import org.apache.flink.autoscaler.ScalingExecutor;
import org.apache.flink.autoscaler.ScalingMetricEvaluator;
import org.apache.flink.autoscaler.event.LoggingEventHandler;
import org.apache.flink.autoscaler.realizer.ScalingRealizer;
import org.apache.flink.autoscaler.state.InMemoryAutoScalerStateStore;
import org.apache.flink.autoscaler.tuning.ConfigChanges;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's autoscaling algorithm ({@code org.apache.flink:flink-autoscaler} 1.10.0) driving one
 * job of a standalone Flink cluster, as the operator drives a FlinkDeployment, with the small parts
 * the operator would provide written here:
 * <ul>
 *   <li>the job "list": the one job id given;</li>
 *   <li>a realizer that applies the parallelism overrides through the adaptive scheduler's
 *       {@code PUT /jobs/<id>/resource-requirements} (rescaling in place, from the last checkpoint);</li>
 *   <li>the library's in-memory state store and its logging event handler.</li>
 * </ul>
 * Metrics come through the library's own {@code RestApiMetricsCollector} (Flink 1.19.1's REST client
 * against the Flink 2.2 cluster). Usage: {@code AutoscalerDriver <rest-url> <job-id> [key value]...},
 * with {@code job.autoscaler.*} settings as pairs. Prints one {@code REALIZED} line per rescale.
 */
public final class AutoscalerDriver {
    private static final Pattern REQUIREMENT = Pattern.compile(
            "\"([0-9a-f]{32})\":\\{\"parallelism\":\\{\"lowerBound\":(\\d+),\"upperBound\":(\\d+)\\}\\}");

    private AutoscalerDriver() {}

    public static void main(String[] args) throws Exception {
        URI rest = URI.create(args[0]);
        JobID jobId = JobID.fromHexString(args[1]);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rest.address", rest.getHost());
        settings.put("rest.port", String.valueOf(rest.getPort()));
        settings.put("job.autoscaler.enabled", "true");
        for (int i = 2; i + 1 < args.length; i += 2) {
            settings.put(args[i], args[i + 1]);
        }
        Configuration conf = Configuration.fromMap(settings);
        Duration every = Duration.parse(System.getProperty("driver.interval", "PT5S"));
        HttpClient http = HttpClient.newHttpClient();
        String requirementsUrl = rest + "/jobs/" + jobId + "/resource-requirements";

        ScalingRealizer<JobID, JobAutoScalerContext<JobID>> realizer = new ScalingRealizer<>() {
            @Override
            public void realizeParallelismOverrides(JobAutoScalerContext<JobID> ctx, Map<String, String> overrides) throws Exception {
                String current = http.send(HttpRequest.newBuilder(URI.create(requirementsUrl)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                StringBuilder body = new StringBuilder("{");
                boolean changed = false;
                Matcher m = REQUIREMENT.matcher(current);
                while (m.find()) {
                    String vertex = m.group(1);
                    String wanted = overrides.getOrDefault(vertex, m.group(3));
                    changed |= !wanted.equals(m.group(3));
                    body.append(body.length() > 1 ? "," : "").append('"').append(vertex)
                            .append("\":{\"parallelism\":{\"lowerBound\":1,\"upperBound\":").append(wanted).append("}}");
                }
                body.append('}');
                if (!changed) {
                    return; // the library re-applies its overrides on every pass; the operator compares specs first
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(requirementsUrl))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                System.out.println(Instant.now() + " REALIZED " + overrides + " (was " + current + "): HTTP " + r.statusCode());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("resource-requirements refused: " + r.statusCode() + " " + r.body());
                }
            }

            @Override
            public void realizeConfigOverrides(JobAutoScalerContext<JobID> ctx, ConfigChanges changes) {
                // Memory tuning stays off (job.autoscaler.memory.tuning.enabled); nothing to apply.
            }
        };
        InMemoryAutoScalerStateStore<JobID, JobAutoScalerContext<JobID>> store = new InMemoryAutoScalerStateStore<>();
        LoggingEventHandler<JobID, JobAutoScalerContext<JobID>> events = new LoggingEventHandler<>();
        JobAutoScalerImpl<JobID, JobAutoScalerContext<JobID>> autoscaler = new JobAutoScalerImpl<>(new RestApiMetricsCollector<>(),
                new ScalingMetricEvaluator(), new ScalingExecutor<>(events, store), events, realizer, store);
        JobAutoScalerContext<JobID> ctx = new JobAutoScalerContext<>(jobId, jobId, JobStatus.RUNNING, conf,
                new UnregisteredMetricsGroup(), () -> new RestClusterClient<>(conf, "payments-autoscaler-driver"));
        System.out.println(Instant.now() + " DRIVER flink-autoscaler 1.10.0 on job " + jobId + " at " + rest + " with " + settings);
        while (true) {
            try {
                autoscaler.scale(ctx);
            } catch (Exception e) {
                System.out.println(Instant.now() + " SCALE-FAILED " + e);
                e.printStackTrace(System.out);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
