package com.cardpay.payments.functions.dedupe;

import static com.cardpay.payments.functions.testutils.Harnesses.sideOutputValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Replays of a payment id at one merchant: exact ones are dropped, conflicting ones reported. */
class PaymentDeduplicatorTest {
    private final DedupeFixtures fixtures = new DedupeFixtures();
    private KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = DedupeFixtures.openHarness();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void firstRecordOfAPaymentIsEmittedWithItsVaultRecord() throws Exception {
        IngestOutcome first = fixtures.accepted(Payments.raw());

        harness.processElement(first, 10L);

        // both in one output, tokenized first, so one chained sink writes them in one transaction
        assertThat(harness.extractOutputStreamRecords()).containsExactly(
                new StreamRecord<>(Either.Left(first.payment()), 10L), new StreamRecord<>(Either.Right(first.vaultRecord()), 10L));
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).isEmpty();
    }

    @Test
    void exactReplayIsDroppedWithoutAnotherVaultRecord() throws Exception {
        IngestOutcome first = fixtures.accepted(Payments.raw());
        IngestOutcome replay = fixtures.accepted(Payments.raw());
        harness.processElement(first, 10L);

        harness.processElement(replay, 20L);

        assertThat(replay.payment().source()).isNotEqualTo(first.payment().source());
        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(first.payment());
        assertThat(DedupeFixtures.vaultRecords(harness)).containsExactly(first.vaultRecord());
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).isEmpty();
    }

    @Test
    void replayWithADifferentAmountIsReportedAsADuplicateConflict() throws Exception {
        IngestOutcome first = fixtures.accepted(Payments.raw());
        IngestOutcome changed = fixtures.accepted(Payments.raw().with("amount_minor", 9_999),
                Payments.headers("traceparent", "00-replay-01"));
        harness.processElement(first, 10L);

        harness.processElement(changed, 20L);

        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(first.payment());
        assertThat(DedupeFixtures.vaultRecords(harness)).containsExactly(first.vaultRecord());
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).singleElement().satisfies(dl -> {
            assertThat(dl.errorCode()).isEqualTo("DUPLICATE_CONFLICT");
            assertThat(dl.field()).isEqualTo("payment_id");
            assertThat(dl.paymentId()).isEqualTo("pay-0001");
            assertThat(dl.merchantId()).isEqualTo("m-1");
            assertThat(dl.source()).isEqualTo(changed.payment().source());
            assertThat(dl.headers()).isEqualTo(changed.payment().headers());
            assertThat(dl.payloadTruncated()).isFalse();
            assertThat(dl.payloadBytes()).isEqualTo(dl.maskedPayload().length());
            assertThat(dl.maskedPayload())
                    .contains("amount_minor=9999")
                    .contains(changed.payment().cardToken())
                    .doesNotContain(Payments.PAN)
                    .doesNotContainPattern(Payments.PAN_LIKE);
            assertThat(dl.errorMessage()).doesNotContain(Payments.PAN);
        });
    }

    @Test
    void conflictingReplayWithAnotherCardCarriesOnlyItsToken() throws Exception {
        String otherPan = "5555555555554444";
        harness.processElement(fixtures.accepted(Payments.raw()), 10L);

        harness.processElement(fixtures.accepted(Payments.raw().with("pan", otherPan)), 20L);

        DeadLetter conflict = sideOutputValues(harness, PaymentDeduplicator.CONFLICTS).get(0);
        assertThat(conflict.maskedPayload()).doesNotContain(otherPan).doesNotContain(Payments.PAN).contains("card_token=tok_v1_");
        assertThat(conflict.toString()).doesNotContain(otherPan).doesNotContain(Payments.PAN);
    }

    @Test
    void numericIdsOf12DigitsOrMoreAreMaskedInTheConflictTexts() throws Exception {
        String merchantId = "123456789012345";
        String paymentId = "987654321099"; // numeric, but not Luhn-valid: such ids are refused
        harness.processElement(fixtures.payment(merchantId, paymentId), 10L);

        harness.processElement(fixtures.accepted(Payments.raw().with("merchant_id", merchantId)
                .with("payment_id", paymentId).with("amount_minor", 1)), 20L);

        DeadLetter conflict = sideOutputValues(harness, PaymentDeduplicator.CONFLICTS).get(0);
        assertThat(conflict.maskedKey()).isEqualTo("***********2345");
        assertThat(conflict.errorMessage()).contains("********1099").doesNotContain(paymentId);
        assertThat(conflict.maskedPayload()).doesNotContain(merchantId).doesNotContain(paymentId);
    }

    @Test
    void firstRecordStaysTheReferenceAfterAConflict() throws Exception {
        IngestOutcome first = fixtures.accepted(Payments.raw());
        IngestOutcome changed = fixtures.accepted(Payments.raw().with("amount_minor", 9_999));
        harness.processElement(first, 10L);
        harness.processElement(changed, 20L);

        harness.processElement(fixtures.accepted(Payments.raw()), 30L);
        harness.processElement(fixtures.accepted(Payments.raw().with("amount_minor", 9_999)), 40L);

        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(first.payment());
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).hasSize(2);
    }

    @Test
    void samePaymentIdAtAnotherMerchantIsNotADuplicate() throws Exception {
        IngestOutcome atM1 = fixtures.payment("m-1", "pay-0001");
        IngestOutcome atM2 = fixtures.payment("m-2", "pay-0001");

        harness.processElement(atM1, 10L);
        harness.processElement(atM2, 20L);

        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(atM1.payment(), atM2.payment());
        assertThat(DedupeFixtures.vaultRecords(harness)).hasSize(2);
        assertThat(sideOutputValues(harness, PaymentDeduplicator.CONFLICTS)).isEmpty();
    }

    @Test
    void differentPaymentIdsAtOneMerchantAreAllEmitted() throws Exception {
        IngestOutcome first = fixtures.payment("m-1", "pay-0001");
        IngestOutcome second = fixtures.payment("m-1", "pay-0002");

        harness.processElement(first, 10L);
        harness.processElement(second, 20L);

        assertThat(DedupeFixtures.tokenized(harness)).containsExactly(first.payment(), second.payment());
        assertThat(DedupeFixtures.vaultRecords(harness)).containsExactly(first.vaultRecord(), second.vaultRecord());
    }

    @Test
    void dedupeNeedsAPositiveTtl() {
        assertThatThrownBy(() -> new PaymentDeduplicator(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentDeduplicator(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
