package com.cardpay.payments.k8s;

import com.cardpay.payments.jobs.config.PaymentsConfig;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (c) The job's own configuration in each rendered kustomization (the ConfigMap's job.properties
 * with spec.job.args) passes the job's loader and validation, and the cluster's flinkConfiguration
 * and the deployment agree with it.
 */
class FlinkDeploymentJobConfigTest {

    @TestFactory
    Stream<DynamicTest> everyRenderingsJobConfigIsValidAndAgrees() {
        return Renders.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(e.getValue()).anyMatch(ManifestChecks::isFlinkDeployment);
            assertThat(ManifestChecks.jobConfig(e.getValue())).isEmpty();
        }));
    }

    @Test
    void eachEnvironmentIsWhatItSays() {
        PaymentsConfig dev = load("overlays/dev");
        PaymentsConfig prod = load("overlays/prod");
        assertThat(dev.environment()).isEqualTo("dev");
        assertThat(prod.environment()).isEqualTo("prod");
        assertThat(prod.transactionalIdPrefix()).isNotEqualTo(dev.transactionalIdPrefix());
        assertThat(prod.checkpoints().storage().toString()).startsWith("s3://payments-checkpoints-prod/");
        assertThat(dev.checkpoints().storage().toString()).startsWith("s3://payments-checkpoints-dev/");
        assertThat(prod.maxParallelism()).isEqualTo(720);
        assertThat(prod.kafkaTls().clientProperties()).isNotEmpty();
    }

    private static PaymentsConfig load(String dir) {
        List<Manifests.Doc> rendered = Renders.of(dir);
        Manifests.Doc d = rendered.stream().filter(ManifestChecks::isFlinkDeployment).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();
        Optional<PaymentsConfig> config = ManifestChecks.loadJobConfig(d, rendered, problems);
        assertThat(problems).isEmpty();
        return config.orElseThrow();
    }
}
