package com.cardpay.payments.tools.audit;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.RejectionCode;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the job must have written for an input, worked out by the job's own ingest step ({@link
 * PaymentIngestor}: the raw contract's reader, the validator, the header limits) and dedupe's rule,
 * record by record in input order:
 *
 * <ul>
 *   <li>the first accepted record of a {@code merchant_id}/{@code payment_id} is a payment: once in
 *       {@code payments.tokenized}, {@code payments.scored} and, under its card token, in
 *       {@code payments.vault};
 *   <li>a later accepted record of the same payment with the same content (the job's content hash)
 *       is an exact replay: nowhere; with other content it is a {@code DUPLICATE_CONFLICT} dead letter;
 *   <li>a rejected record is a dead letter with its code, identified by its source position.
 * </ul>
 *
 * <p>{@code EVENT_TIME_IN_FUTURE} is judged, by the job and here alike, against the record's Kafka
 * timestamp (or the clock, if that is earlier), so the audit's later clock judges a record as the
 * job did. Only a record whose timestamp was in the future when the job read it could have gone
 * the other way; an accepted record whose event time lies further past its timestamp than {@code
 * source.max-event-time-ahead} would be <em>clock-dependent</em>, allowed in either place and
 * required in neither, but the validator never accepts one, so none is counted today. From a file
 * there is no timestamp and no position: every accepted line counts as accepted, each line is taken
 * as keyed by its {@code merchant_id} (the contract), and dead letters cannot be matched.
 */
final class ExpectedOutputs {
    /** A payment the job must write once; {@code certain} false when it is clock-dependent. */
    record Payment(String where, boolean certain) {}

    /** A dead letter the job must write once for the record at {@code where}. */
    record DeadLetter(String code, String where, boolean certain) {}

    private static final RawPaymentReader RAW = new RawPaymentReader();

    private final PaymentIngestor ingestor;
    private final long maxAheadMillis;
    private final Map<String, Payment> payments = new LinkedHashMap<>();
    private final Map<String, Long> contentHashes = new HashMap<>();
    private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();
    private boolean positionsKnown = true;
    private int records;
    private int rejected;
    private int exactReplays;
    private int conflicts;
    private int clockDependent;

    /** @param settledCurrencies the job's {@code settlement.currencies}; null for any */
    ExpectedOutputs(Clock clock, Duration maxEventTimeAhead, @Nullable Set<String> settledCurrencies) {
        this.ingestor = new PaymentIngestor(RAW, new CardTokenizer(new EphemeralKeys()),
                new EventTimeLimit(clock, maxEventTimeAhead), settledCurrencies);
        this.maxAheadMillis = maxEventTimeAhead.toMillis();
    }

    /** One {@code payments.raw} record, in partition and offset order. */
    void record(byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition position) {
        add(value == null ? new byte[0] : value, key, headers, position, Positions.of(position));
    }

    /** One line of an input file (the same JSON as {@code payments.raw} values), in file order. */
    void line(byte[] value, String where) {
        positionsKnown = false;
        add(value, merchantIdAsKey(value), MessageHeaders.EMPTY, new SourcePosition("file", 0, records, -1), where);
    }

    private void add(byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition position, String where) {
        records++;
        IngestOutcome outcome;
        try {
            outcome = ingestor.ingest(value, key, headers, position);
        } catch (KeyUnavailableException e) {
            throw new IllegalStateException("the audit's own keys are always there", e);
        }
        if (!outcome.isAccepted()) {
            rejected++;
            deadLetters.put(where, new DeadLetter(outcome.deadLetter().errorCode(), where, true));
            return;
        }
        TokenizedPayment p = outcome.payment();
        String id = Positions.paymentId(p.merchantId(), p.paymentId());
        Long firstHash = contentHashes.putIfAbsent(id, p.contentHash());
        if (firstHash == null) {
            boolean certain = position.timestampMillis() < 0
                    || p.eventTimeMillis() <= position.timestampMillis() + maxAheadMillis;
            payments.put(id, new Payment(where, certain));
            if (!certain) {
                clockDependent++;
                deadLetters.put(where, new DeadLetter(RejectionCode.EVENT_TIME_IN_FUTURE.name(), where, false));
            }
        } else if (firstHash == p.contentHash()) {
            exactReplays++;
        } else {
            conflicts++;
            deadLetters.put(where, new DeadLetter(RejectionCode.DUPLICATE_CONFLICT.name(), where, true));
        }
    }

    /** A file has no record keys; the contract's key is the merchant id. */
    @Nullable
    private static byte[] merchantIdAsKey(byte[] value) {
        try {
            return RAW.read(value).get("merchant_id") instanceof String m ? m.getBytes(StandardCharsets.UTF_8) : null;
        } catch (InvalidPaymentException e) {
            return null; // ingest rejects it for the same reason
        }
    }

    /** First accepted record of each payment, by {@code merchant_id/payment_id}, in input order. */
    Map<String, Payment> payments() {
        return payments;
    }

    /** Dead letters by the source position of their input record, in input order. */
    Map<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** False when the input was a file: then dead letters cannot be matched to it. */
    boolean positionsKnown() {
        return positionsKnown;
    }

    String summary() {
        return String.format("input: %d records; %d payments (%d clock-dependent), %d exact replays, "
                + "%d conflicting replays, %d rejected", records, payments.size(), clockDependent, exactReplays,
                conflicts, rejected);
    }
}
