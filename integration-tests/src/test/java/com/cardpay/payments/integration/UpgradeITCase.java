package com.cardpay.payments.integration;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.jsonField;
import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.Reconcile.Outcome;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The upgrade runbook (savepoints/README.md) on a MiniCluster: the job runs, is stopped with a
 * savepoint in the middle of its input (settlement windows open, transactions in flight), and the
 * current code starts from that savepoint at another parallelism (2, then 3), on the same topics
 * and transactional-id prefix, as an upgrade does. Across the upgrade nothing is lost or counted
 * twice: every valid payment is in {@code payments.tokenized} once, and the reconciliation tool,
 * recomputing every closed settlement line from the input, finds no mismatch.
 */
class UpgradeITCase {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final int PER_PART = 2_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void anUpgradeThroughASavepointAtAnotherParallelismLosesNothingAndCountsNothingTwice() throws Exception {
        Map<String, String> settings = TestJobs.withMinuteSettlement(
                TestJobs.settings("upgrade-it", KAFKA.bootstrapServers(), dir.resolve("checkpoints")));
        settings.put("settlement.adjustment-horizon", "2h");
        PaymentsConfig before = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(before), 4);

        // 100 ms of event time between payments: 2,000 payments are 200 s, over three windows.
        SyntheticPayments generator = new SyntheticPayments(11, 0.05, 0.05, 0.02, T0).spacedBy(Duration.ofMillis(100));
        List<Generated> first = generator.next(PER_PART);
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), before.topics().raw(), first);

        JobClient old = TestJobs.start(before, null);
        String savepoint;
        long committedAtStop;
        try {
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), before.topics().scored(), PER_PART / 4, WITHIN);
            savepoint = old.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            JobEnd.awaitTerminal(old);
            committedAtStop = readCommitted(KAFKA.bootstrapServers(), before.topics().scored()).size();
        } finally {
            JobEnd.cancel(old, dir);
        }
        // The second part is not written yet: the windows of its event time, and the last ones of the
        // first part, are open in the savepoint whatever the machine's speed.
        long validFirst = first.stream().filter(UpgradeITCase::accepted).count();

        // Then 20 s more, with no late payment: late payments' adjustments are published when event
        // time passes their batch, so the last of them wait for event time to move on.
        List<Generated> second = new ArrayList<>(generator.next(PER_PART));
        second.addAll(new SyntheticPayments(12, 0, 0, 0, T0.plusSeconds(400)).spacedBy(Duration.ofMillis(100)).next(200));
        KafkaTestSupport.produce(KAFKA.bootstrapServers(), before.topics().raw(), second);
        settings.put("job.parallelism", "3");
        PaymentsConfig after = PaymentsConfig.from(settings);
        JobClient upgraded = TestJobs.start(after, savepoint);
        try {
            List<String> valid = Stream.concat(first.stream(), second.stream())
                    .filter(UpgradeITCase::accepted).map(Generated::paymentId).toList();
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), after.topics().tokenized(), valid.size(), WITHIN);
            assertThat(readCommitted(KAFKA.bootstrapServers(), after.topics().tokenized()))
                    .extracting(r -> jsonField(r, "payment_id")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(valid);

            // Event time reached about 6:55; windows up to 6:00 are closed and every late payment published.
            String[] args = Reconcile.args(settings, "--closed-before", T0.plusSeconds(360).toString());
            Outcome reconciled = Reconcile.untilClean(args, WITHIN);
            assertThat(reconciled.exitCode()).as(reconciled.output()).isZero();
            assertThat(reconciled.output()).contains("; 0 mismatches").doesNotContain("MISMATCH")
                    .doesNotContain("MANUAL").doesNotContain(" 0 lines compared");
            System.out.printf("upgrade: stopped with %d of %d payments committed, savepoint %s; restored at parallelism 3; %s%n",
                    committedAtStop, validFirst, savepoint, reconciled.output().lines().reduce((a, b) -> b).orElse(""));
        } finally {
            JobEnd.cancel(upgraded, dir);
        }
    }

    /** Accepted payments: each is tokenized once; replays and malformed records are not. */
    private static boolean accepted(Generated g) {
        return g.kind() == Kind.VALID || g.kind() == Kind.LATE;
    }

}
