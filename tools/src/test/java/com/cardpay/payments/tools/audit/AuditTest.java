package com.cardpay.payments.tools.audit;

import static com.cardpay.payments.tools.audit.AuditJob.NOW;
import static com.cardpay.payments.tools.audit.AuditJob.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The audit's comparison: what a working job writes is clean, and every way of spoiling it (a
 * record dropped, written twice or invented, a dead letter with another code) is one finding,
 * named by id and position, never by payload.
 */
class AuditTest {
    private static final String VISA = "4111111111111111";
    private static final String MASTERCARD = "5555555555554444";

    private final AuditJob job = new AuditJob()
            .send(payment("m-1", "p-1", VISA))
            .send(payment("m-1", "p-2", MASTERCARD))
            .send(payment("m-2", "p-1", VISA))
            .send(payment("m-1", "p-1", VISA))                                  // exact replay: nowhere
            .send(payment("m-1", "p-2", MASTERCARD).put("amount_minor", 99))    // conflict: DLQ
            .send(payment("m-3", "p-9", "4111111111111112"));                   // BAD_PAN: DLQ

    @Test
    void whatAWorkingJobWritesIsClean() {
        AuditReport report = job.report();

        assertThat(report.clean()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.input()).isEqualTo("input: 6 records; 3 payments (0 clock-dependent), 1 exact replays, "
                + "1 conflicting replays, 1 rejected");
        assertThat(report.output("payments.tokenized").summary())
                .isEqualTo("payments.tokenized: 3 records, 3 expected (0 optional); 0 duplicated, 0 missing, 0 unexpected");
        assertThat(report.output("payments.vault").expected()).isEqualTo(3);
        assertThat(report.output("payments.dlq").expected()).isEqualTo(2);
        assertThat(report.lines()).last().isEqualTo("audit: clean");
    }

    @Test
    void aPaymentWrittenTwiceIsADuplicateAndOneNeverWrittenIsMissing() {
        job.tokenized.add(job.tokenized.get(0));
        job.scored.remove(1);

        AuditReport report = job.report();

        assertThat(report.output("payments.tokenized").findings()).containsExactly(
                "DUPLICATE payments.tokenized m-1/p-1: 2 records at payments.tokenized/0@0, payments.tokenized/0@3,"
                        + " expected 1 (from payments.raw/0@0)");
        assertThat(report.output("payments.scored").findings()).containsExactly(
                "MISSING payments.scored m-1/p-2: expected 1 (from payments.raw/0@1), found 0");
        assertThat(report.lines()).last().isEqualTo("audit: 2 findings");
    }

    @Test
    void aPaymentNoInputExplainsIsUnexpected() {
        job.scored.add(new AuditJob().send(payment("m-7", "p-7", VISA)).scored.get(0));

        assertThat(report().output("payments.scored").findings()).containsExactly(
                "UNEXPECTED payments.scored m-7/p-7: 1 record at payments.scored/0@3, from no input record");
    }

    @Test
    void everyTokenNeedsOneVaultEntryPerPaymentUnlessTheTopicIsCompacted() {
        // m-1/p-1 and m-2/p-1 share a card: two entries under one token. Drop one.
        job.vault.remove(2);

        assertThat(report().output("payments.vault").findings()).singleElement().asString()
                .startsWith("MISSING payments.vault tok_v1_").endsWith(": expected 2 (from payments.raw/0@0), found 1");
        Audit compacted = job.audit(true);
        job.feed(compacted);
        assertThat(compacted.report().clean()).isTrue();

        job.vault.clear();
        assertThat(report().output("payments.vault").missing()).isEqualTo(2);
    }

    @Test
    void aVaultEntryWhosePaymentWasNeverWrittenIsFound() {
        job.tokenized.remove(1); // the Mastercard payment's token is now unknown, its vault entry unexplained

        AuditReport report = report();

        assertThat(report.output("payments.vault").findings()).singleElement().asString()
                .startsWith("UNEXPECTED payments.vault tok_v1_").endsWith("1 record at payments.vault/0@1, from no input record");
        assertThat(report.notes()).contains("1 expected payments are not in payments.tokenized, so their card tokens "
                + "are unknown: their vault entries were not checked");
    }

    @Test
    void deadLettersAreMatchedByPositionAndCode() {
        job.dlq.add(job.dlq.get(1));             // the BAD_PAN record twice
        job.dlq.remove(0);                       // the conflict never dead-lettered
        job.dlq.add(DeadLetterJson.write(new DeadLetter("BAD_EXPIRY", "made up", "expiry",
                new SourcePosition("payments.raw", 0, 2, 0), "p-1", "m-2", "m-2", "{}", 2, false, MessageHeaders.EMPTY)));

        assertThat(report().output("payments.dlq").findings()).containsExactlyInAnyOrder(
                "DUPLICATE payments.dlq payments.raw/0@5: 2 records at payments.dlq/0@0, payments.dlq/0@1, expected 1 "
                        + "(from a BAD_PAN record)",
                "MISSING payments.dlq payments.raw/0@4: expected 1 (from a DUPLICATE_CONFLICT record), found 0",
                "UNEXPECTED payments.dlq payments.raw/0@2: 1 record at payments.dlq/0@2, from no input record");
    }

    @Test
    void aDeadLetterWithAnotherCodeIsWrong() {
        job.dlq.set(1, DeadLetterJson.write(new DeadLetter("BAD_EXPIRY", "made up", "expiry",
                new SourcePosition("payments.raw", 0, 5, 0), null, "m-3", "m-3", "{}", 2, false, MessageHeaders.EMPTY)));

        assertThat(report().output("payments.dlq").findings())
                .containsExactly("WRONG_CODE payments.dlq payments.raw/0@5: expected BAD_PAN, found BAD_EXPIRY");
    }

    @Test
    void settlementDeadLettersAreCountedNotMatched() {
        job.dlq.add(DeadLetterJson.write(new DeadLetter("SETTLEMENT_BEYOND_HORIZON", "late", "event_time",
                new SourcePosition("payments.raw", 0, 0, 0), "p-1", "m-1", "m-1", "{}", 2, false, MessageHeaders.EMPTY)));

        AuditReport report = report();

        assertThat(report.clean()).isTrue();
        assertThat(report.notes()).contains("settlement dead letters (not from the input alone; see the reconciliation "
                + "tool): {SETTLEMENT_BEYOND_HORIZON=1}");
    }

    /**
     * The job judges {@code EVENT_TIME_IN_FUTURE} against the record's Kafka timestamp, so the audit,
     * run later with a later clock, judges it the same: a record stamped 20 minutes ahead of its
     * timestamp is a dead letter, certainly, not a payment that may have gone either way.
     */
    @Test
    void aRecordStampedAheadOfItsTimestampIsADeadLetterWheneverTheAuditRuns() {
        AuditJob ahead = new AuditJob().send(payment("m-1", "p-1", VISA).put("event_time", NOW.minus(Duration.ofMinutes(10)).toString()),
                NOW.minus(Duration.ofMinutes(30)));

        assertThat(ahead.tokenized).as("the job rejected it").isEmpty();
        AuditReport report = ahead.report();
        assertThat(report.clean()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.input()).contains("0 clock-dependent");

        ahead.dlq.clear();
        assertThat(ahead.report().output("payments.dlq").findings()).singleElement().asString().startsWith("MISSING");
    }

    @Test
    void anUnreadableRecordIsAFindingThatQuotesNoPayload() {
        job.tokenized.add(("{\"schema_version\":1,\"payment_id\":\"p-1\",\"pan\":\"" + VISA + "\"}").getBytes(StandardCharsets.UTF_8));

        AuditReport report = report();

        assertThat(report.output("payments.tokenized").findings()).singleElement().asString()
                .startsWith("UNREADABLE payments.tokenized payments.tokenized/0@3: ");
        assertThat(String.join("\n", report.lines())).doesNotContain(VISA);
    }

    @Test
    void aFileIsReadLineByLineAsIfKeyedByItsMerchant() {
        Audit audit = new Audit(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), AuditJob.AHEAD,
                Map.of(Audit.Output.TOKENIZED, "payments.tokenized"), false);
        job.inputs.forEach(i -> audit.inputLine(i.value(), "archive.jsonl:" + (i.position().offset() + 1)));
        for (int i = 0; i < job.tokenized.size(); i++) {
            audit.tokenized(job.tokenized.get(i), "payments.tokenized/0@" + i);
        }

        AuditReport report = audit.report();

        assertThat(report.clean()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.output("payments.tokenized").expected()).isEqualTo(3);
    }

    private AuditReport report() {
        return job.report();
    }
}
