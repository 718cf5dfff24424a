package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.BuiltJars;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * What each jar carries. The job jar goes to every TaskManager: it must not carry the detokenize
 * tool (it has its own Vault policy), the other tools, the local runner or its broker. The tools jar
 * runs without a Flink cluster, so it carries what the tools need.
 */
class DeployableJarsTest {

    @Test
    void theJobJarCarriesTheJobAndNoToolNorTheLocalRunner() throws IOException {
        List<String> entries = entries(BuiltJars.jobJar());

        assertThat(entries).contains("com/cardpay/payments/jobs/PaymentsJobMain.class",
                "com/cardpay/payments/functions/validation/CardNumberDetector.class");
        assertThat(entries).noneMatch(e -> e.startsWith("com/cardpay/payments/tools/"))
                .noneMatch(e -> e.startsWith("com/cardpay/payments/local/"))
                .noneMatch(e -> e.startsWith("org/apache/kafka/common/test/"))
                .noneMatch(e -> e.startsWith("kafka/server/"));
    }

    @Test
    void theToolsJarRunsEachToolWithoutACluster() throws IOException {
        Path jar = BuiltJars.toolsJar();
        List<String> entries = entries(jar);

        assertThat(entries).contains("com/cardpay/payments/tools/detokenize/DetokenizeTool.class",
                "com/cardpay/payments/tools/reconcile/ReconcileTool.class",
                "com/cardpay/payments/tools/audit/AuditTool.class",
                "com/cardpay/payments/tools/region/RegionStartTool.class",
                "org/apache/kafka/connect/mirror/OffsetSync.class",
                "org/apache/kafka/clients/consumer/KafkaConsumer.class");
        // region-start takes MirrorMaker 2's record format from connect-mirror, and nothing of Connect's runtime
        assertThat(entries).noneMatch(e -> e.startsWith("com/cardpay/payments/local/"))
                .noneMatch(e -> e.startsWith("org/apache/kafka/connect/runtime/"))
                .noneMatch(e -> e.startsWith("org/eclipse/jetty/"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("com.cardpay.payments.tools.ToolsMain");
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }
}
