package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.money.CurrencyAmounts;

import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The amount thresholds of the fraud features, per currency, each in that currency's minor units:
 * 100 minor units are EUR 1.00 but JPY 100 (about EUR 0.60) and BHD 0.100 (about EUR 0.24), so no
 * single number can serve every currency. A payment is only ever compared with the thresholds of
 * its own currency; a currency with none turns off the features that need them
 * ({@link #forCurrency} is null), visibly, rather than scoring with another currency's scale.
 *
 * <p>Why thresholds per currency and not a reference-rate table converting everything to one
 * currency: thresholds are judgement calls of the fraud team ("500 is a large purchase here"), set
 * in round local amounts, and they need no rate feed, no rate version on every record and no
 * rescoring when rates move. The price is that a new currency needs its four numbers in config.
 *
 * @param cardTestingSmall a purchase at or below this is small, for the card-testing pattern
 * @param cardTestingLarge a purchase at or above this, after enough small ones, is card testing
 * @param largePayment a payment at or above this is large ({@code payment.large_amount})
 * @param cardAmountLongLimit the card's amount over the long window, in the payment's currency, at
 *     or above this is over the limit ({@code card.amount_long_over_limit})
 */
public record CurrencyThresholds(
        CurrencyAmounts cardTestingSmall,
        CurrencyAmounts cardTestingLarge,
        CurrencyAmounts largePayment,
        CurrencyAmounts cardAmountLongLimit) implements Serializable {

    /** The defaults of {@code fraud.*-amount} config, rounded to about the same value in each currency (late 2026). */
    public static final String DEFAULT_CARD_TESTING_SMALL = "5.00EUR/5.00USD/4.00GBP/5.00CHF/7.00CAD/8.00AUD/800JPY";
    public static final String DEFAULT_CARD_TESTING_LARGE = "500.00EUR/500.00USD/400.00GBP/500.00CHF/700.00CAD/800.00AUD/80000JPY";
    public static final String DEFAULT_LARGE_PAYMENT =
            "10000.00EUR/10000.00USD/8000.00GBP/10000.00CHF/15000.00CAD/16000.00AUD/1600000JPY";
    public static final String DEFAULT_CARD_AMOUNT_LONG_LIMIT =
            "20000.00EUR/20000.00USD/16000.00GBP/20000.00CHF/30000.00CAD/32000.00AUD/3200000JPY";

    /** The features that need a threshold, by rule-language name: off for a currency without thresholds. */
    public static final List<Feature> FEATURES_NEEDING_THRESHOLDS =
            List.of(Feature.CARD_TESTING, Feature.PAYMENT_LARGE_AMOUNT, Feature.CARD_AMOUNT_LONG_OVER_LIMIT);

    /** One currency's thresholds, in its minor units. */
    public record Scale(long cardTestingSmallMinor, long cardTestingLargeMinor, long largePaymentMinor,
            long cardAmountLongLimitMinor) implements Serializable {}

    public CurrencyThresholds {
        Preconditions.checkNotNull(cardTestingSmall, "cardTestingSmall");
        Preconditions.checkNotNull(cardTestingLarge, "cardTestingLarge");
        Preconditions.checkNotNull(largePayment, "largePayment");
        Preconditions.checkNotNull(cardAmountLongLimit, "cardAmountLongLimit");
        String problem = problem(cardTestingSmall, cardTestingLarge, largePayment, cardAmountLongLimit);
        Preconditions.checkArgument(problem == null, problem);
    }

    public static CurrencyThresholds defaults() {
        return new CurrencyThresholds(CurrencyAmounts.parse(DEFAULT_CARD_TESTING_SMALL),
                CurrencyAmounts.parse(DEFAULT_CARD_TESTING_LARGE), CurrencyAmounts.parse(DEFAULT_LARGE_PAYMENT),
                CurrencyAmounts.parse(DEFAULT_CARD_AMOUNT_LONG_LIMIT));
    }

    /**
     * What is wrong with these tables together, or null: every table must name the same
     * currencies (a currency has all its thresholds or none), and a small purchase must be below a
     * large one.
     */
    public static String problem(CurrencyAmounts small, CurrencyAmounts large, CurrencyAmounts largePayment,
            CurrencyAmounts longLimit) {
        Set<String> currencies = small.currencies();
        List<String> problems = new ArrayList<>();
        if (!large.currencies().equals(currencies) || !largePayment.currencies().equals(currencies)
                || !longLimit.currencies().equals(currencies)) {
            problems.add("every threshold table must name the same currencies (a currency has all four thresholds or "
                    + "none); card-testing small " + currencies + ", card-testing large " + large.currencies()
                    + ", large payment " + largePayment.currencies() + ", card amount long limit " + longLimit.currencies());
        } else {
            for (String c : currencies) {
                if (small.minor(c) >= large.minor(c)) {
                    problems.add(c + ": the card-testing small amount " + CurrencyAmounts.format(small.minor(c), c)
                            + " must be below the large amount " + CurrencyAmounts.format(large.minor(c), c));
                }
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The thresholds of {@code currency}, or null when it has none (its features are off). */
    @Nullable
    public Scale forCurrency(String currency) {
        if (!cardTestingSmall.has(currency)) {
            return null;
        }
        return new Scale(cardTestingSmall.minor(currency), cardTestingLarge.minor(currency), largePayment.minor(currency),
                cardAmountLongLimit.minor(currency));
    }

    /** The currencies with thresholds, sorted. */
    public Set<String> currencies() {
        return cardTestingSmall.currencies();
    }
}
