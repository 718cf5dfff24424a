package com.cardpay.payments.benchmarks;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.features.MerchantFeatureCalculator;
import com.cardpay.payments.functions.fraud.features.MerchantProfile;
import com.cardpay.payments.functions.fraud.rules.Evaluation;
import com.cardpay.payments.functions.fraud.rules.RuleBook;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

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

import java.util.concurrent.TimeUnit;

/**
 * The fraud stage's per-payment work on one core, without Flink's state backend: the merchant
 * feature update and the evaluation of the default rule set.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar FraudScoringBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FraudScoringBenchmark {
    private final FraudSettings settings = FraudSettings.defaults();
    private final RuleBook rules = RuleBook.withDefaults();
    private final MerchantFeatureCalculator merchants = new MerchantFeatureCalculator(settings);
    private final CardFeatures card = new CardFeatures(3, 7, 12, 9_000, 21_000, 40_000, 2, 1, false, 45);
    private TokenizedPayment payment;
    private MerchantProfile profile;
    private long amount;

    @Setup
    public void setUp() {
        payment = payment(1_999);
        for (int i = 0; i < 100; i++) {
            profile = merchants.update(profile, payment(1_000 + i * 7));
        }
    }

    /** Merchant features, profile update and rule evaluation: what scoring does per payment. */
    @Benchmark
    public Evaluation scorePayment() {
        TokenizedPayment p = payment(1_000 + (amount++ & 1023));
        MerchantFeatures m = merchants.featuresFor(profile, p);
        profile = merchants.update(profile, p);
        return rules.evaluate(new Feature.Values(p, card, m), settings);
    }

    /** Rule evaluation alone. */
    @Benchmark
    public Evaluation evaluateRules() {
        return rules.evaluate(new Feature.Values(payment, card, new MerchantFeatures(1.5, 0.05, 0.001, 100)), settings);
    }

    private static TokenizedPayment payment(long amountMinor) {
        return new TokenizedPayment("pay-1", "m-1", PaymentType.PURCHASE, amountMinor, "EUR", "tok_v1_x", 1, "411111",
                "1111", "DE", "DE", "DE", null, 1_795_515_330_123L, null, 1L,
                new SourcePosition("payments.raw", 0, 1, 0), MessageHeaders.EMPTY);
    }
}
