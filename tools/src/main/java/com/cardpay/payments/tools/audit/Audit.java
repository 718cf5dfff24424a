package com.cardpay.payments.tools.audit;

import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterReader;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedReader;
import com.cardpay.payments.connectors.contracts.vault.VaultReader;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.validation.RejectionCode;

import javax.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the job's output topics against its input, by id: feed it the input ({@link #inputRecord}
 * or {@link #inputLine}) and the outputs' records, in any order, then ask for the {@link #report}.
 * What each output must hold is {@link ExpectedOutputs}'s; here is how each is identified:
 *
 * <ul>
 *   <li>{@code payments.tokenized}, {@code payments.scored}: by {@code merchant_id/payment_id}, once each;
 *   <li>{@code payments.vault}: by {@code card_token} (its key; the record names no payment), once
 *       per payment with that token in {@code payments.tokenized}, so a token with no vault entry is
 *       missing; on a compacted topic ({@code compactedVault}) at least once;
 *   <li>{@code payments.dlq}: by the source position of the rejected record, once each, with the
 *       code the job's ingest gives it. Settlement's dead letters ({@code SETTLEMENT_*}) come from
 *       event time, not from the input alone: they are counted and checked for repeats only; the
 *       reconciliation tool lists them.
 * </ul>
 */
public final class Audit {
    /** The outputs the audit can check. */
    public enum Output { TOKENIZED, VAULT, SCORED, DLQ }

    private final ExpectedOutputs expected;
    private final Map<Output, String> topics;
    private final boolean compactedVault;
    private final Map<Output, IdTally> tallies = new EnumMap<>(Output.class);
    private final Map<String, String> tokenOf = new HashMap<>();
    private final Map<String, String> foundCodes = new HashMap<>();
    private final Map<String, Integer> settlementLetters = new TreeMap<>();
    private final Set<String> beyondHorizon = new HashSet<>();
    private final List<String> settlementRepeats = new ArrayList<>();

    /**
     * @param clock the audit's clock, for {@code EVENT_TIME_IN_FUTURE}
     * @param maxEventTimeAhead the job's {@code source.max-event-time-ahead}
     * @param topics each output's topic name
     */
    public Audit(Clock clock, Duration maxEventTimeAhead, Map<Output, String> topics, boolean compactedVault) {
        this(clock, maxEventTimeAhead, null, topics, compactedVault);
    }

    /** @param settledCurrencies the job's {@code settlement.currencies} (others are CURRENCY_NOT_SETTLED); null for any */
    public Audit(Clock clock, Duration maxEventTimeAhead, @Nullable Set<String> settledCurrencies,
            Map<Output, String> topics, boolean compactedVault) {
        this.expected = new ExpectedOutputs(clock, maxEventTimeAhead, settledCurrencies);
        this.topics = new EnumMap<>(topics);
        this.compactedVault = compactedVault;
        topics.forEach((output, topic) -> tallies.put(output, new IdTally(topic)));
    }

    /** One {@code payments.raw} record, in offset order per partition. */
    public void inputRecord(byte[] value, @Nullable byte[] key, MessageHeaders headers, SourcePosition position) {
        expected.record(value, key, headers, position);
    }

    /** One line of an input file, in file order. */
    public void inputLine(byte[] value, String where) {
        expected.line(value, where);
    }

    /** A {@code payments.tokenized} record; read for the vault's card tokens even when not audited itself. */
    public void tokenized(byte[] value, String where) {
        IdTally tally = tallies.get(Output.TOKENIZED);
        try {
            TokenizedPayment p = TokenizedReader.read(value);
            String id = Positions.paymentId(p.merchantId(), p.paymentId());
            tokenOf.putIfAbsent(id, p.cardToken());
            if (tally != null) {
                tally.found(id, where);
            }
        } catch (UnreadableRecordException e) {
            if (tally != null) {
                tally.unreadable(where, e.getMessage());
            }
        }
    }

    public void scored(byte[] value, String where) {
        try {
            TokenizedPayment p = ScoredReader.read(value).payment();
            tally(Output.SCORED).found(Positions.paymentId(p.merchantId(), p.paymentId()), where);
        } catch (UnreadableRecordException e) {
            tally(Output.SCORED).unreadable(where, e.getMessage());
        }
    }

    public void vault(byte[] value, String where) {
        try {
            tally(Output.VAULT).found(VaultReader.read(value).cardToken(), where);
        } catch (UnreadableRecordException e) {
            tally(Output.VAULT).unreadable(where, e.getMessage());
        }
    }

    public void deadLetter(byte[] value, String where) {
        DeadLetter d;
        try {
            d = DeadLetterReader.read(value);
        } catch (UnreadableRecordException e) {
            tally(Output.DLQ).unreadable(where, e.getMessage());
            return;
        }
        if (d.errorCode().equals(RejectionCode.SETTLEMENT_BEYOND_HORIZON.name())
                || d.errorCode().equals(RejectionCode.SETTLEMENT_OVERFLOW.name())) {
            settlementLetters.merge(d.errorCode(), 1, Integer::sum);
            if (d.source() != null && !beyondHorizon.add(Positions.of(d.source()))) {
                settlementRepeats.add("DUPLICATE " + topics.get(Output.DLQ) + " " + d.errorCode() + " for "
                        + Positions.of(d.source()) + " again at " + where);
            }
            return;
        }
        String position = Positions.of(d.source());
        tally(Output.DLQ).found(position, where);
        foundCodes.putIfAbsent(position, d.errorCode());
    }

    private IdTally tally(Output output) {
        IdTally t = tallies.get(output);
        if (t == null) {
            throw new IllegalStateException(output + " is not among the outputs audited");
        }
        return t;
    }

    /** Every audited output against the input. */
    public AuditReport report() {
        List<OutputCheck> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Output output : tallies.keySet()) {
            switch (output) {
                case TOKENIZED, SCORED -> expected.payments().forEach((id, p) -> tally(output).expect(id, p.where(), p.certain()));
                case VAULT -> notes.addAll(expectVault());
                case DLQ -> expectDeadLetters();
                default -> throw new IllegalStateException("no check for " + output);
            }
            OutputCheck check = tally(output).result();
            checks.add(output == Output.DLQ ? check.with(wrongCodes()).with(settlementRepeats).with(clockDependent()) : check);
        }
        if (!settlementLetters.isEmpty()) {
            notes.add("settlement dead letters (not from the input alone; see the reconciliation tool): " + settlementLetters);
        }
        return new AuditReport(expected.summary(), checks, notes);
    }

    private List<String> expectVault() {
        Set<String> tokens = new HashSet<>();
        int withoutToken = 0;
        for (Map.Entry<String, ExpectedOutputs.Payment> e : expected.payments().entrySet()) {
            String token = tokenOf.get(e.getKey());
            if (token == null) {
                withoutToken++;
                continue;
            }
            // On a compacted topic one entry per card is all that must remain.
            boolean firstOfCard = tokens.add(token);
            tally(Output.VAULT).expect(token, e.getValue().where(), e.getValue().certain() && (firstOfCard || !compactedVault));
        }
        return withoutToken == 0 ? List.of() : List.of(withoutToken + " expected payments are not in "
                + topics.get(Output.TOKENIZED) + ", so their card tokens are unknown: their vault entries were not checked");
    }

    private void expectDeadLetters() {
        if (!expected.positionsKnown()) {
            throw new IllegalStateException("dead letters are matched by source position: the input must be the topic");
        }
        expected.deadLetters().forEach((position, d) -> tally(Output.DLQ).expect(position, "a " + d.code() + " record", d.certain()));
    }

    /**
     * A clock-dependent record may be a payment or a dead letter, but must be exactly one of them:
     * checked when both {@code payments.tokenized} and the DLQ are audited.
     */
    private List<String> clockDependent() {
        IdTally tokenized = tallies.get(Output.TOKENIZED);
        if (tokenized == null) {
            return List.of();
        }
        List<String> wrong = new ArrayList<>();
        expected.payments().forEach((id, p) -> {
            if (!p.certain()) {
                int n = tokenized.count(id) + tally(Output.DLQ).count(p.where());
                if (n != 1) {
                    wrong.add((n == 0 ? "MISSING " : "DUPLICATE ") + id + " (clock-dependent, from " + p.where() + "): "
                            + tokenized.count(id) + " in " + topics.get(Output.TOKENIZED) + ", "
                            + tally(Output.DLQ).count(p.where()) + " in " + topics.get(Output.DLQ) + "; expected 1 in either");
                }
            }
        });
        return wrong;
    }

    private List<String> wrongCodes() {
        List<String> wrong = new ArrayList<>();
        expected.deadLetters().forEach((position, d) -> {
            String found = foundCodes.get(position);
            if (found != null && !found.equals(d.code())) {
                wrong.add("WRONG_CODE " + topics.get(Output.DLQ) + " " + position + ": expected " + d.code() + ", found " + found);
            }
        });
        return wrong;
    }
}
