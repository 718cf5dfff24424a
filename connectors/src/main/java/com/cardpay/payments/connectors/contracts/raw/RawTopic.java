package com.cardpay.payments.connectors.contracts.raw;

import com.cardpay.payments.connectors.keys.KeyProviderFactory;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code payments.raw} contract (input): one payment per record, keyed by {@code merchant_id},
 * as the README's table says. Read by {@link RawPaymentReader} (bytes to fields, inside
 * {@link RawPaymentDeserializer}, the job's source), its fields checked by {@code functions}'
 * {@code PaymentValidator}; written by {@link RawPaymentJson}.
 */
public final class RawTopic {
    /** The default topic name ({@code topics.raw}). */
    public static final String NAME = "payments.raw";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.raw.schema.json";

    private RawTopic() {}

    /**
     * The job's source deserializer: reads, validates and tokenizes each record.
     *
     * @param maxEventTimeAhead how far past this job's clock an event_time may be
     */
    public static RawPaymentDeserializer deserializer(KeyProviderFactory keys, Duration maxEventTimeAhead) {
        return new RawPaymentDeserializer(keys, maxEventTimeAhead);
    }

    /**
     * As above, refusing a payment in a currency outside {@code settledCurrencies} as
     * {@code CURRENCY_NOT_SETTLED}.
     */
    public static RawPaymentDeserializer deserializer(KeyProviderFactory keys, Duration maxEventTimeAhead,
            Set<String> settledCurrencies) {
        return new RawPaymentDeserializer(keys, maxEventTimeAhead, settledCurrencies);
    }
}
