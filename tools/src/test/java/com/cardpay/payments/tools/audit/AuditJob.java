package com.cardpay.payments.tools.audit;

import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.connectors.contracts.vault.VaultJson;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.deadletter.DeadLetters;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's test bench: raw records on one partition of {@code payments.raw}, and what a job that
 * works would write for them (the real ingest step with local keys, dedupe's rule, the topics'
 * writers), which a test then spoils on purpose before feeding both to an {@link Audit}.
 */
final class AuditJob {
    static final String RAW = "payments.raw";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration AHEAD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One input record, as the audit reads it. */
    record Input(byte[] value, byte[] key, SourcePosition position) {}

    final List<Input> inputs = new ArrayList<>();
    final List<byte[]> tokenized = new ArrayList<>();
    final List<byte[]> vault = new ArrayList<>();
    final List<byte[]> scored = new ArrayList<>();
    final List<byte[]> dlq = new ArrayList<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final PaymentIngestor ingestor = new PaymentIngestor(new RawPaymentReader(),
            new CardTokenizer(new LocalKeyProvider()), EventTimeLimit.at(NOW, AHEAD));

    /** A valid purchase of {@code pan}, an hour before {@link #NOW}. */
    static ObjectNode payment(String merchant, String id, String pan) {
        return JSON.createObjectNode().put("payment_id", id).put("merchant_id", merchant).put("type", "PURCHASE")
                .put("amount_minor", 1250).put("currency", "EUR").put("pan", pan).put("expiry", "12/29")
                .put("card_country", "DE").put("merchant_country", "DE")
                .put("event_time", NOW.minus(Duration.ofHours(1)).toString());
    }

    /** Sends a record, produced at {@code producedAt}, through the job. */
    AuditJob send(ObjectNode record, Instant producedAt) {
        byte[] value = record.toString().getBytes(StandardCharsets.UTF_8);
        byte[] key = record.path("merchant_id").asText().getBytes(StandardCharsets.UTF_8);
        SourcePosition position = new SourcePosition(RAW, 0, inputs.size(), producedAt.toEpochMilli());
        inputs.add(new Input(value, key, position));
        IngestOutcome outcome;
        try {
            outcome = ingestor.ingest(value, key, MessageHeaders.EMPTY, position);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!outcome.isAccepted()) {
            dlq.add(DeadLetterJson.write(outcome.deadLetter()));
            return this;
        }
        TokenizedPayment p = outcome.payment();
        Long first = seen.putIfAbsent(p.merchantId() + "/" + p.paymentId(), p.contentHash());
        if (first == null) {
            tokenized.add(TokenizedJson.write(p));
            vault.add(VaultJson.write(outcome.vaultRecord()));
            scored.add(ScoredJson.write(scored(p)));
        } else if (first != p.contentHash()) {
            dlq.add(DeadLetterJson.write(DeadLetters.duplicateConflict(p)));
        }
        return this;
    }

    AuditJob send(ObjectNode record) {
        return send(record, NOW.minus(Duration.ofMinutes(30)));
    }

    /** A fresh audit of every output, fed this job's input (but no output yet). */
    Audit audit(boolean compactedVault) {
        Audit audit = new Audit(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), AHEAD, Map.of(
                Audit.Output.TOKENIZED, "payments.tokenized", Audit.Output.VAULT, "payments.vault",
                Audit.Output.SCORED, "payments.scored", Audit.Output.DLQ, "payments.dlq"), compactedVault);
        inputs.forEach(i -> audit.inputRecord(i.value(), i.key(), MessageHeaders.EMPTY, i.position()));
        return audit;
    }

    /** {@link #audit} fed every output as it stands. */
    AuditReport report() {
        Audit audit = audit(false);
        feed(audit);
        return audit.report();
    }

    void feed(Audit audit) {
        for (int i = 0; i < tokenized.size(); i++) {
            audit.tokenized(tokenized.get(i), "payments.tokenized/0@" + i);
        }
        for (int i = 0; i < vault.size(); i++) {
            audit.vault(vault.get(i), "payments.vault/0@" + i);
        }
        for (int i = 0; i < scored.size(); i++) {
            audit.scored(scored.get(i), "payments.scored/0@" + i);
        }
        for (int i = 0; i < dlq.size(); i++) {
            audit.deadLetter(dlq.get(i), "payments.dlq/0@" + i);
        }
    }

    private static ScoredPayment scored(TokenizedPayment p) {
        return new ScoredPayment(p, new CardFeatures(1, 1, 1, p.amountMinor(), p.amountMinor(), p.amountMinor(), 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "r-1",
                p.eventTimeMillis());
    }
}
