package com.cardpay.payments.benchmarks;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.FeePlan;
import com.cardpay.payments.functions.settlement.FeeSchedule;
import com.cardpay.payments.functions.settlement.SettlementId;
import com.cardpay.payments.functions.settlement.SettlementTotals;
import com.cardpay.payments.functions.settlement.SettlementWindows;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The settlement stage's work on one core, without Flink's state backend (a HashMap stands in for
 * the open-window MapState): the per-payment update (window lookup and overflow-checked totals),
 * and the once-per-revision fee computation and settlement id.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SettlementBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SettlementBenchmark {
    private static final long DAY0 = 1_795_478_400_000L;
    private static final int PAYMENTS = 1024;

    private final SettlementWindows windows = SettlementWindows.dailyUtc();
    private final FeeSchedule fees = FeeSchedule.parse("290bps+0.30EUR/0.30USD/50JPY", "m-1=150bps,m-2=200bps+0.25EUR/0.25USD/40JPY");
    private final Map<Long, SettlementTotals> openWindows = new HashMap<>();
    private final ScoredPayment[] payments = new ScoredPayment[PAYMENTS];
    private final SettlementTotals[] totals = new SettlementTotals[PAYMENTS];
    private int next;

    @Setup
    public void setUp() {
        SettlementTotals running = SettlementTotals.EMPTY;
        for (int i = 0; i < PAYMENTS; i++) {
            PaymentType type = i % 20 == 0 ? PaymentType.REFUND : i % 97 == 0 ? PaymentType.CHARGEBACK : PaymentType.PURCHASE;
            Decision decision = i % 50 == 0 ? Decision.DECLINE : Decision.APPROVE;
            // two days of payments, a little out of order
            long at = DAY0 + (i * 170_000L) + (i % 7) * 60_000L;
            payments[i] = scored(type, 1_000 + i * 37L, decision, at);
            running = running.add(payments[i]);
            totals[i] = running;
        }
    }

    /** What processElement does per payment: find the window, add to its totals, put them back. */
    @Benchmark
    public SettlementTotals addPaymentToItsWindow() {
        ScoredPayment p = payments[next++ & (PAYMENTS - 1)];
        long start = windows.windowStartOf(p.payment().eventTimeMillis());
        SettlementTotals current = openWindows.get(start);
        SettlementTotals updated = (current == null ? SettlementTotals.EMPTY : current).add(p);
        openWindows.put(start, updated);
        return updated;
    }

    /** Fee and net of one revision: once per window and revision, not per payment. */
    @Benchmark
    public long feeAndNet() {
        SettlementTotals t = totals[next++ & (PAYMENTS - 1)];
        FeePlan plan = fees.planFor("m-7", "EUR");
        return t.netMinor(t.feesMinor(plan));
    }

    /** The settlement id (SHA-256), also once per revision. */
    @Benchmark
    public String settlementId() {
        long start = DAY0 + (next++ & 1023) * 86_400_000L;
        return SettlementId.of("m-1", "EUR", start, start + 86_400_000L);
    }

    private static ScoredPayment scored(PaymentType type, long amountMinor, Decision decision, long at) {
        TokenizedPayment p = new TokenizedPayment("pay-1", "m-7", type, amountMinor, "EUR", "tok_v1_x", 1, "411111",
                "1111", "DE", "DE", "DE", null, at, type == PaymentType.PURCHASE ? null : "pay-0", 1L,
                new SourcePosition("payments.raw", 0, 1, 0), MessageHeaders.EMPTY);
        return new ScoredPayment(p, new CardFeatures(1, 1, 1, amountMinor, amountMinor, amountMinor, 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), 0, decision, new Reason[0], new ShadowHit[0], "rules-v1", at);
    }
}
