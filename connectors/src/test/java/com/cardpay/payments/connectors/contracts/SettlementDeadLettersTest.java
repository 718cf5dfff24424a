package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.dlq.SettlementDeadLetters;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.SettlementOverflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** The DLQ records settlement writes for what it cannot settle, against the DLQ contract. */
class SettlementDeadLettersTest {
    private static final long T = 1_795_515_330_123L;

    @Test
    void aPaymentBeyondTheHorizonKeepsItsSourceAndIdentity() {
        TokenizedPayment p = new TokenizedPayment("pay-1", "m-1", PaymentType.REFUND, 4_200, "EUR", "tok_v1_abc", 1,
                "411111", null, "DE", "DE", null, null, T, "pay-0", 7L, new SourcePosition("payments.raw", 2, 99, T),
                MessageHeaders.EMPTY);
        ScoredPayment scored = new ScoredPayment(p, new CardFeatures(1, 1, 1, 1, 1, 1, 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "r-0", T);

        DeadLetter d = SettlementDeadLetters.beyondHorizon(scored);
        byte[] value = DeadLetterJson.write(d);

        assertThat(TopicSchemas.validate(TopicSchemas.DLQ, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(d.errorCode()).isEqualTo("SETTLEMENT_BEYOND_HORIZON");
        assertThat(d.source()).isEqualTo(p.source());
        assertThat(d.paymentId()).isEqualTo("pay-1");
        assertThat(d.maskedPayload()).contains("\"amount_minor\":4200", "\"type\":\"REFUND\"");
        assertThat(d.maskedPayload()).isEqualTo(new String(TokenizedJson.write(p), StandardCharsets.UTF_8));
    }

    @Test
    void anOverflowNamesItsLineAndHasNoSource() {
        SettlementOverflow o = new SettlementOverflow("stl_0123456789abcdefABCDEF", "m-1", "JPY", T, T + 60_000, 3);

        DeadLetter d = SettlementDeadLetters.overflow(o);
        byte[] value = DeadLetterJson.write(d);

        assertThat(TopicSchemas.validate(TopicSchemas.DLQ, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(d.source()).isNull();
        assertThat(d.errorMessage()).contains("stl_0123456789abcdefABCDEF", "revision 3");
        assertThat(d.maskedPayload()).contains("\"currency\":\"JPY\"");
        // byte for byte what the job wrote before the payload came from the JSON writer
        assertThat(d.maskedPayload()).isEqualTo("{\"settlement_id\":\"stl_0123456789abcdefABCDEF\",\"merchant_id\":\"m-1\","
                + "\"currency\":\"JPY\",\"window_start\":\"2026-11-24T10:15:30.123Z\",\"window_end\":\"2026-11-24T10:16:30.123Z\","
                + "\"revision\":3}");
        assertThat(d.payloadBytes()).isEqualTo(d.maskedPayload().length());
        // only an overflow may go without a source
        byte[] noSource = DeadLetterJson.write(new DeadLetter("BAD_AMOUNT", "x", null, null, null, null, null, "", 0, false,
                MessageHeaders.EMPTY));
        assertThat(TopicSchemas.validate(TopicSchemas.DLQ, noSource)).isNotEmpty();
    }
}
