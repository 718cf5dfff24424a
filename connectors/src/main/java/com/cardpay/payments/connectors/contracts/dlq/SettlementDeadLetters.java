package com.cardpay.payments.connectors.contracts.dlq;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.functions.deadletter.DeadLetters;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.settlement.SettlementOverflow;

import java.time.Instant;

/**
 * What settlement could not settle by itself, as {@code payments.dlq} records for a person to
 * settle by hand: built by {@link DeadLetters}, with the payloads the DLQ contract gives them here.
 * A payment beyond the horizon carries its {@code payments.tokenized} JSON (no card data in it); an
 * overflowing line carries its identity in {@code payments.settlements}' field names.
 */
public final class SettlementDeadLetters {
    private SettlementDeadLetters() {}

    /** A payment for a window whose state is gone: it was not settled. */
    public static DeadLetter beyondHorizon(ScoredPayment scored) {
        return DeadLetters.beyondHorizon(scored, TokenizedJson.write(scored.payment()));
    }

    /** A line whose totals overflow: it was not emitted. */
    public static DeadLetter overflow(SettlementOverflow o) {
        byte[] line = ContractJson.write(g -> {
            g.writeStringField("settlement_id", o.settlementId());
            g.writeStringField("merchant_id", o.merchantId());
            g.writeStringField("currency", o.currency());
            g.writeStringField("window_start", Instant.ofEpochMilli(o.windowStartMillis()).toString());
            g.writeStringField("window_end", Instant.ofEpochMilli(o.windowEndMillis()).toString());
            g.writeNumberField("revision", o.revision());
        });
        return DeadLetters.overflow(o, line);
    }
}
