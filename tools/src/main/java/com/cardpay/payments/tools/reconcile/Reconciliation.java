package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterReader;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.connectors.contracts.settlements.SettlementReader;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.jobs.config.SettlementSettings;
import com.cardpay.payments.tools.reconcile.PaymentFacts.PaymentKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recomputes every settlement line from the input payments and the fraud decisions, and compares
 * it with what the job emitted. Feed it records ({@link #input}, {@link #scored}, {@link
 * #deadLetter}, {@link #settlement}), then call {@link #reconcile}. Each topic is read by its
 * contract's reader ({@code connectors}, {@code contracts.<topic>}), as the job writes it.
 *
 * <ul>
 *   <li>Each payment counts once: the first record of a {@code merchant_id}/{@code payment_id}
 *       that can be a payment at all. Its amounts come from the input, never from the job's output.
 *   <li>A payment counts only if the fraud stage scored it, and a {@code DECLINE}d one only in the
 *       declined totals. An input payment that was neither scored nor dead-lettered is unaccounted
 *       for: a mismatch.
 *   <li>A payment dead-lettered as {@code SETTLEMENT_BEYOND_HORIZON} is left out of the lines and
 *       listed for manual settlement.
 *   <li>Lines are compared only once closed: window end + allowed lateness at or before the cutoff.
 * </ul>
 */
final class Reconciliation {
    static final String BEYOND_HORIZON = "SETTLEMENT_BEYOND_HORIZON";

    /** What reconciliation found: mismatches make the tool fail; notes are for the operator. */
    record Result(List<String> mismatches, List<String> notes, String summary) {}

    private record Scored(PaymentFacts facts, String decision) {}

    private final SettlementSettings settings;
    private final Map<PaymentKey, PaymentFacts> inputs = new LinkedHashMap<>();
    private final Map<PaymentKey, Scored> scored = new HashMap<>();
    private final Set<PaymentKey> deadLettered = new HashSet<>();
    private final Set<String> deadLetteredPositions = new HashSet<>();
    private final Set<PaymentKey> beyondHorizon = new HashSet<>();
    private final Map<PaymentKey, String> positions = new HashMap<>();
    private final EmittedSettlements emitted = new EmittedSettlements();
    private final List<String> mismatches = new ArrayList<>();
    private int inputRecords;
    private int unusableInputs;
    private int repeatedInputs;

    Reconciliation(SettlementSettings settings) {
        this.settings = settings;
    }

    /**
     * One input record ({@code payments.raw} value or file line).
     *
     * @param position {@code topic/partition@offset} when read from Kafka (matched against the DLQ's
     *     source), else null
     */
    void input(byte[] value, String where, String position) {
        inputRecords++;
        PaymentFacts p = PaymentFacts.ofRaw(value, where);
        if (p == null) {
            unusableInputs++;
            return;
        }
        if (inputs.putIfAbsent(p.key(), p) != null) {
            repeatedInputs++;
        } else if (position != null) {
            positions.put(p.key(), position);
        }
    }

    void scored(byte[] value, String where) {
        PaymentFacts p;
        String decision;
        try {
            ScoredPayment s = ScoredReader.read(value);
            p = PaymentFacts.ofScored(s, where);
            decision = s.decision().name();
        } catch (UnreadableRecordException e) {
            p = null;
            decision = null;
        }
        if (p == null) {
            mismatches.add("UNREADABLE " + where + ": not a payments.scored record");
            return;
        }
        Scored previous = scored.putIfAbsent(p.key(), new Scored(p, decision));
        if (previous != null) {
            mismatches.add("SCORED_TWICE " + p.key() + ": at " + previous.facts().where() + " and " + where);
        }
    }

    void deadLetter(byte[] value) {
        DeadLetter d;
        try {
            d = DeadLetterReader.read(value);
        } catch (UnreadableRecordException e) {
            return;
        }
        if (d.merchantId() != null && d.paymentId() != null) {
            PaymentKey key = new PaymentKey(d.merchantId(), d.paymentId());
            deadLettered.add(key);
            if (BEYOND_HORIZON.equals(d.errorCode())) {
                beyondHorizon.add(key);
            }
        }
        SourcePosition source = d.source();
        if (source != null) {
            deadLetteredPositions.add(source.topic() + "/" + source.partition() + "@" + source.offset());
        }
    }

    void settlement(byte[] value, String where) {
        Settlement s;
        try {
            s = SettlementReader.read(value);
        } catch (UnreadableRecordException e) {
            s = null;
        }
        emitted.add(s, where, settings.allowedLateness().toMillis());
    }

    /**
     * @param closedBefore lines closing (window end + allowed lateness) after this are still open
     *     and not compared; null: the latest close among the emitted lines
     */
    Result reconcile(Long closedBefore) {
        long cutoff = closedBefore != null ? closedBefore : emitted.latestClose();
        long lateness = settings.allowedLateness().toMillis();
        MerchantDays days = new MerchantDays(settings.window().toMillis(), settings.windowOffset().toMillis(),
                settings.timeZones());
        Map<SettlementLineKey, EmittedSettlements.Revision> newest = emitted.newest();
        newest.forEach((line, r) -> {
            if (r.timeZone() == null || r.timeZone().equals("UTC")) {
                days.utcRuleLine(line);
            }
        });
        ExpectedSettlements expected = new ExpectedSettlements(days, settings.fees());
        List<String> notes = new ArrayList<>();
        int settled = 0;
        int declined = 0;
        int rejected = 0;
        for (PaymentFacts p : inputs.values()) {
            Scored s = scored.get(p.key());
            boolean closed = expected.lineOf(p).windowEndMillis() + lateness <= cutoff;
            if (s == null) {
                String position = positions.get(p.key());
                if (deadLettered.contains(p.key()) || (position != null && deadLetteredPositions.contains(position))) {
                    rejected++;
                } else if (closed) {
                    mismatches.add("UNACCOUNTED " + p.key() + " (" + p.where() + "): neither scored nor dead-lettered");
                }
                continue;
            }
            if (!p.sameBusinessFacts(s.facts())) {
                mismatches.add("SCORED_DIFFERS " + p.key() + ": input " + p.where() + " and " + s.facts().where()
                        + " differ in type, amount, currency or event time");
            }
            if (beyondHorizon.contains(p.key())) {
                notes.add("MANUAL " + p.key() + " " + p.type() + " " + p.amountMinor() + " " + p.currency() + " at "
                        + Instant.ofEpochMilli(p.eventTimeMillis()) + ": beyond the adjustment horizon, settle by hand");
                continue;
            }
            boolean isDeclined = "DECLINE".equals(s.decision());
            declined += isDeclined ? 1 : 0;
            settled += isDeclined ? 0 : 1;
            expected.add(p, isDeclined);
        }
        for (Map.Entry<PaymentKey, Scored> s : scored.entrySet()) {
            if (!inputs.containsKey(s.getKey())) {
                mismatches.add("SCORED_WITHOUT_INPUT " + s.getKey() + " at " + s.getValue().facts().where());
            }
        }
        Map<SettlementLineKey, LineAmounts> want = expected.lines();
        Map<SettlementLineKey, LineAmounts> got = emitted.latestTotals();
        mismatches.addAll(emitted.problems());
        Set<SettlementLineKey> all = new TreeSet<>(want.keySet());
        all.addAll(got.keySet());
        int compared = 0;
        int open = 0;
        for (SettlementLineKey line : all) {
            if (line.windowEndMillis() + lateness > cutoff) {
                open++;
                continue;
            }
            compared++;
            LineAmounts w = want.get(line);
            LineAmounts g = got.get(line);
            if (w == null && g != null) {
                mismatches.add("UNEXPECTED " + line + ": emitted (" + g + ") but no payment belongs to it");
            } else if (w != null && g == null && emitted.revisionsOf(line) == 0) {
                mismatches.add("MISSING " + line + ": expected " + w + ", nothing emitted");
            } else if (w != null && g != null) {
                List<String> d = new ArrayList<>(w.differences(g));
                MerchantDays.Window zoned = expected.windowOf(line);
                EmittedSettlements.Revision r = newest.get(line);
                if (r.timeZone() != null && (!r.timeZone().equals(zoned.zone())
                        || !r.businessDate().equals(zoned.businessDate()))) {
                    d.add("time_zone/business_date expected " + zoned.zone() + " " + zoned.businessDate() + ", got "
                            + r.timeZone() + " " + r.businessDate());
                }
                if (!d.isEmpty()) {
                    mismatches.add("MISMATCH " + line + " (revision " + (emitted.revisionsOf(line) - 1) + "): "
                            + String.join("; ", d));
                }
            }
        }
        for (SettlementLineKey line : expected.overflowed()) {
            notes.add("OVERFLOW " + line + ": totals exceed 64-bit minor units; the job must report it, not emit it");
            if (got.containsKey(line)) {
                mismatches.add("OVERFLOW_EMITTED " + line + ": a line that cannot be exact was emitted");
            }
        }
        String summary = String.format(
                "%d input records (%d distinct payments, %d repeats, %d not payments); %d settled, %d declined, "
                        + "%d rejected; %d settlement records; %d lines compared, %d still open (cutoff %s); %d mismatches",
                inputRecords, inputs.size(), repeatedInputs, unusableInputs, settled, declined, rejected,
                emitted.records(), compared, open, cutoff == Long.MIN_VALUE ? "none" : cutoff == Long.MAX_VALUE ? "all"
                        : Instant.ofEpochMilli(cutoff).toString(), mismatches.size());
        return new Result(List.copyOf(mismatches), notes, summary);
    }
}
