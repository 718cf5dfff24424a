package com.cardpay.payments.functions.fraud.features;

import java.util.Arrays;

/**
 * What the scoring operator keeps per {@code merchant_id} for the merchant features; the math is in
 * {@link MerchantFeatureCalculator}.
 *
 * <ul>
 *   <li>Per currency (parallel arrays, at most {@link #MAX_CURRENCIES}; the currency whose last
 *       purchase is oldest makes room): the exponentially weighted mean and variance of purchase
 *       amounts in minor units, the number of purchases behind them, and the event time of the
 *       newest one. Doubles, because these are statistics, never money.
 *   <li>Decayed counts of purchases, refunds and chargebacks, all decayed to {@link #decayedAt}.
 * </ul>
 *
 * <p>A Flink POJO (no Map): serialized without Kryo. Treat it as a value: the calculator never
 * changes a profile it is given, it returns a new one.
 */
public final class MerchantProfile {
    public static final int MAX_CURRENCIES = 16;

    public String[] currencies = new String[0];
    public double[] means = new double[0];
    public double[] variances = new double[0];
    public long[] counts = new long[0];
    public long[] lastSeen = new long[0];

    public double purchases;
    public double refunds;
    public double chargebacks;
    /** Event time the decayed counts refer to; {@link Long#MIN_VALUE} before the first payment. */
    public long decayedAt = Long.MIN_VALUE;

    /** An empty profile; also for Flink's POJO serializer. */
    public MerchantProfile() {}

    /** The index of a currency's baseline, or -1. */
    public int indexOf(String currency) {
        for (int i = 0; i < currencies.length; i++) {
            if (currencies[i].equals(currency)) {
                return i;
            }
        }
        return -1;
    }

    /** Purchases behind the currency's baseline; 0 when it has none. */
    public long baselinePayments(String currency) {
        int i = indexOf(currency);
        return i < 0 ? 0L : counts[i];
    }

    MerchantProfile copy() {
        MerchantProfile c = new MerchantProfile();
        c.currencies = currencies.clone();
        c.means = means.clone();
        c.variances = variances.clone();
        c.counts = counts.clone();
        c.lastSeen = lastSeen.clone();
        c.purchases = purchases;
        c.refunds = refunds;
        c.chargebacks = chargebacks;
        c.decayedAt = decayedAt;
        return c;
    }

    /** The slot for a new currency: appended, or the least recently seen one reset when full. */
    int addCurrency(String currency, long eventTimeMillis) {
        int i;
        if (currencies.length < MAX_CURRENCIES) {
            i = currencies.length;
            currencies = Arrays.copyOf(currencies, i + 1);
            means = Arrays.copyOf(means, i + 1);
            variances = Arrays.copyOf(variances, i + 1);
            counts = Arrays.copyOf(counts, i + 1);
            lastSeen = Arrays.copyOf(lastSeen, i + 1);
        } else {
            i = 0;
            for (int j = 1; j < lastSeen.length; j++) {
                if (lastSeen[j] < lastSeen[i]) {
                    i = j;
                }
            }
        }
        currencies[i] = currency;
        means[i] = 0.0;
        variances[i] = 0.0;
        counts[i] = 0L;
        lastSeen[i] = eventTimeMillis;
        return i;
    }
}
