package com.cardpay.payments.k8s;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed schemas are the upstream files, unmodified (schemas/SHA256SUMS, schemas/README.md). */
class SchemaFilesTest {

    @Test
    void everySchemaFileMatchesItsChecksum() throws Exception {
        Path dir = Manifests.root().resolve("schemas");
        int checked = 0;
        for (String line : Files.readAllLines(dir.resolve("SHA256SUMS"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            byte[] bytes = Files.readAllBytes(dir.resolve(parts[1].trim()));
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(actual).as(parts[1]).isEqualTo(parts[0]);
            checked++;
        }
        // every schema file is listed: none is read unchecked
        try (var files = Files.walk(dir)) {
            long onDisk = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("README.md") && !f.getFileName().toString().equals("SHA256SUMS"))
                    .count();
            assertThat(checked).isEqualTo(onDisk).isEqualTo(16);
        }
        assertThat(StrictSchemas.get().kinds()).contains("flink.apache.org/v1beta1/FlinkDeployment",
                "flink.apache.org/v1beta1/FlinkStateSnapshot", "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/NetworkPolicy",
                "v1/ConfigMap", "v1/ServiceAccount", "monitoring.coreos.com/v1/PodMonitor", "kafka.strimzi.io/v1/KafkaTopic",
                "kafka.strimzi.io/v1/KafkaUser", "security.istio.io/v1/PeerAuthentication", "cert-manager.io/v1/Certificate");
    }
}
