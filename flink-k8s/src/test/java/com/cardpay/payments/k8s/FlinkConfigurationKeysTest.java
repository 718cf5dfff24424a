package com.cardpay.payments.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (b) Every flinkConfiguration key of every FlinkDeployment (rendered and standalone) is a real
 * Flink 2.2 option (from Flink's ConfigOption classes on the classpath), an autoscaler option (from
 * flink-autoscaler 1.10.0), an S3 plugin key, a reporter option, or a listed operator key; and
 * every value parses as its option's type.
 */
class FlinkConfigurationKeysTest {

    @Test
    void theOptionCatalogueIsReadFromFlinkItself() {
        FlinkOptions o = FlinkOptions.get();
        System.out.println("[flink-k8s] options: " + o.options.size() + " Flink and autoscaler keys from " + o.optionClasses
                + " classes, " + o.deprecated.size() + " deprecated keys, " + o.s3aKeys.size() + " S3A keys, "
                + o.autoscalerKeys.size() + " autoscaler keys, " + o.operatorKeys.size() + " listed operator keys; "
                + o.unloadable.size() + " *Options classes could not be loaded " + o.unloadable);
        assertThat(o.options).containsKeys("execution.checkpointing.interval", "state.backend.type", "high-availability.type",
                "kubernetes.taskmanager.cpu.limit-factor", "execution.checkpointing.local-backup.enabled",
                "job.autoscaler.target.utilization", "state.backend.rocksdb.localdir");
        assertThat(o.s3aKeys).contains("fs.s3a.endpoint.region", "fs.s3a.path.style.access", "fs.s3a.aws.credentials.provider");
        assertThat(o.reporterOptions).contains("factory.class", "interval");
        assertThat(o.prometheusPortKey).isEqualTo("port");
    }

    @TestFactory
    Stream<DynamicTest> everyKeyIsRealAndEveryValueParses() {
        List<Manifests.Doc> deployments = new ArrayList<>();
        Manifests.standaloneManifests().stream().filter(ManifestChecks::isFlinkDeployment).forEach(deployments::add);
        Renders.all().values().forEach(r -> r.stream().filter(ManifestChecks::isFlinkDeployment).forEach(deployments::add));
        assertThat(deployments).hasSizeGreaterThanOrEqualTo(6);
        return deployments.stream().map(d -> DynamicTest.dynamicTest(d.label(), () -> {
            List<String> problems = new ArrayList<>();
            Map<String, String> conf = ManifestChecks.flinkConfiguration(d, problems);
            assertThat(problems).isEmpty();
            if (d.source().contains("(rendered)")) {
                assertThat(conf).containsKeys("job.autoscaler.enabled", "execution.checkpointing.interval");
            }
            assertThat(ManifestChecks.flinkKeys(List.of(d))).isEmpty();
        }));
    }
}
