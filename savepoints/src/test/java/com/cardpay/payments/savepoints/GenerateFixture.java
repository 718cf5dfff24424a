package com.cardpay.payments.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Takes a savepoint fixture: runs the current job over {@link FixtureInput#beforeSavepoint()} on a
 * real broker, waits until every payment's output is committed, stops the job with a savepoint
 * (windows open, transactions in flight) and puts it in {@code savepoints/fixtures/<version>/}.
 *
 * <p>Not a test of the suite (its name matches neither surefire's nor failsafe's patterns): run it
 * with {@code savepoints/generate-fixture <version>} when state changes, and commit the result.
 */
class GenerateFixture {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void takeTheFixture() throws Exception {
        String version = System.getProperty("fixture.version");
        assertThat(version).as("-Dfixture.version").isNotBlank().matches("[0-9A-Za-z._-]+");
        Path target = Fixtures.DIRECTORY.resolve(version);
        assertThat(target).as("a fixture is never overwritten").doesNotExist();

        PaymentsConfig config = Fixtures.config("fixture", KAFKA.bootstrapServers(), dir.resolve("checkpoints"), 2);
        KAFKA.broker().createTopics(TestJobs.topics(config), FixtureInput.PARTITIONS);
        Fixtures.produceRule(KAFKA.bootstrapServers());
        Fixtures.produce(KAFKA.bootstrapServers(), Fixtures.RAW, FixtureInput.beforeSavepoint());

        JobClient job = Fixtures.start(config, null);
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().fraudRulesStatus(), 1, Duration.ofMinutes(2));
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().scored(),
                    FixtureInput.beforeSavepoint().size(), Duration.ofMinutes(2));
            String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            JobEnd.awaitTerminal(job);
            copy(Path.of(java.net.URI.create(savepoint)), target.resolve("savepoint"));
        } finally {
            JobEnd.cancel(job, dir);
        }
        System.out.println("fixture " + version + " written to " + target);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
