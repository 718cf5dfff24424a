package com.cardpay.payments.connectors.contracts.dlq;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.SettlementOverflow;
import com.cardpay.payments.functions.validation.RejectionCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What settlement could not settle by itself, as {@code payments.dlq} records for a person to
 * settle by hand. The payload is the tokenized payment's JSON: it holds no card data.
 */
final class SettlementDeadLetters {
    private SettlementDeadLetters() {}

    /** A payment for a window whose state is gone: it was not settled. */
    static DeadLetter beyondHorizon(ScoredPayment scored) {
        TokenizedPayment p = scored.payment();
        String payload = new String(ContractJson.tokenized(p), StandardCharsets.UTF_8);
        return new DeadLetter(RejectionCode.SETTLEMENT_BEYOND_HORIZON.name(),
                "event_time " + Instant.ofEpochMilli(p.eventTimeMillis()) + " falls in a settlement window closed longer"
                        + " ago than settlement.adjustment-horizon; not settled (decision " + scored.decision()
                        + "): settle it by hand",
                "event_time", p.source(), p.paymentId(), p.merchantId(), p.merchantId(), payload,
                payload.getBytes(StandardCharsets.UTF_8).length, false, p.headers());
    }

    /** A line whose totals overflow: it was not emitted. */
    static DeadLetter overflow(SettlementOverflow o) {
        String payload = "{\"settlement_id\":\"" + o.settlementId() + "\",\"merchant_id\":\"" + o.merchantId()
                + "\",\"currency\":\"" + o.currency() + "\",\"window_start\":\"" + Instant.ofEpochMilli(o.windowStartMillis())
                + "\",\"window_end\":\"" + Instant.ofEpochMilli(o.windowEndMillis()) + "\",\"revision\":" + o.revision() + "}";
        return new DeadLetter(RejectionCode.SETTLEMENT_OVERFLOW.name(),
                "settlement " + o.settlementId() + " (" + o.currency() + ", window from "
                        + Instant.ofEpochMilli(o.windowStartMillis()) + ") overflows 64-bit minor units; revision "
                        + o.revision() + " was not emitted: settle it by hand",
                "amount_minor", null, null, o.merchantId(), o.merchantId(), payload,
                payload.getBytes(StandardCharsets.UTF_8).length, false, MessageHeaders.EMPTY);
    }
}
