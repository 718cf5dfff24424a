package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.CurrencyThresholds;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.TokenizedPayment;

import java.util.Arrays;

/**
 * Everything {@link CardFeaturesFunction} remembers about one card, in fixed, bounded memory: the
 * state of one {@code card_token}. No payment is stored, only counters and a few times.
 *
 * <ul>
 *   <li>{@link #shortWindow}, {@link #mediumWindow}, {@link #longWindow}: bucketed counts over
 *       every currency (see {@link VelocityWindow} and {@link BucketRing}); their amounts are no
 *       longer added to (0 for every payment since per-currency amounts), and what a restored ring
 *       still holds there, sums across currencies, is never read;
 *   <li>{@link #amountsByCurrency}: the amount sums of the same windows, one entry per currency
 *       the card used lately, at most {@link #MAX_AMOUNT_CURRENCIES}, so two currencies are never
 *       added together;
 *   <li>{@link #merchants}, {@link #merchantCountries}: distinct values over the distinct window;
 *   <li>{@link #smallPurchaseTimes}: the times of the newest {@code cardTestingSmallCount} small
 *       purchases, newest first, for the card-testing pattern;
 *   <li>{@link #recentEventTimes}: the newest {@link #RECENT_TIMES} event times, newest first, so
 *       that a payment that arrives slightly out of order still finds its predecessor.
 * </ul>
 *
 * <p>A Flink POJO of POJOs and primitive arrays, serialized without Kryo.
 */
public final class CardActivity {
    static final int RECENT_TIMES = 4;
    /**
     * Currencies whose amounts a card keeps at once; a further one replaces the one used longest
     * ago (its sums start again from zero). A card paying in more than four currencies within a
     * day is itself unusual; more entries would cost every card's state more.
     */
    static final int MAX_AMOUNT_CURRENCIES = 4;

    public BucketRing shortWindow;
    public BucketRing mediumWindow;
    public BucketRing longWindow;
    public RecentValues merchants;
    public RecentValues merchantCountries;
    public long[] smallPurchaseTimes;
    public long[] recentEventTimes;
    /**
     * Added after the first release: null in a card restored from an older savepoint, whose amount
     * sums mixed currencies and are dropped (its counts carry over). See savepoints/README.md.
     */
    public CurrencyAmountRings[] amountsByCurrency;

    /** An empty activity, its rings laid out on first use; also for Flink's POJO serializer. */
    public CardActivity() {
        merchants = new RecentValues();
        merchantCountries = new RecentValues();
        smallPurchaseTimes = new long[0];
        recentEventTimes = new long[0];
        amountsByCurrency = new CurrencyAmountRings[0];
    }

    /** The newest event time recorded, or {@link Long#MIN_VALUE} when nothing was. */
    long latestEventTime() {
        return recentEventTimes.length == 0 ? Long.MIN_VALUE : recentEventTimes[0];
    }

    /**
     * Records a payment and returns the card's features as of the payment's own event time, this
     * payment included. Payments later in event time that already arrived count only where they
     * share a bucket with this one (out-of-order arrivals).
     */
    CardFeatures record(TokenizedPayment p, FraudSettings settings, CardWindows windows) {
        // Rings laid out for other window lengths (a config change across a savepoint) start
        // afresh: their buckets mean other times, and mixing them would give wrong counts.
        if (!windows.shortWindow().fits(shortWindow)) {
            shortWindow = windows.shortWindow().newRing();
        }
        if (!windows.mediumWindow().fits(mediumWindow)) {
            mediumWindow = windows.mediumWindow().newRing();
        }
        if (!windows.longWindow().fits(longWindow)) {
            longWindow = windows.longWindow().newRing();
        }
        long t = p.eventTimeMillis();
        long latest = Math.max(latestEventTime(), t);

        long previous = firstAtOrBefore(recentEventTimes, t);
        // -1 also when t is older than every remembered time: its predecessor is unknown then
        long secondsSincePrevious = previous == Long.MIN_VALUE ? -1L : (t - previous) / 1000L;
        recentEventTimes = insertNewestFirst(recentEventTimes, t, RECENT_TIMES);

        CurrencyThresholds.Scale scale = settings.thresholds().forCurrency(p.currency());
        boolean cardTesting = false;
        // Without thresholds for its currency a payment neither is nor counts as a small or large
        // purchase: comparing it with another currency's numbers would be the wrong scale.
        if (scale != null && p.type() == PaymentType.PURCHASE) {
            if (p.amountMinor() >= scale.cardTestingLargeMinor()) {
                long windowStart = t - settings.cardTestingWindow().toMillis();
                cardTesting = countBetween(smallPurchaseTimes, windowStart, t) >= settings.cardTestingSmallCount();
            }
            if (p.amountMinor() <= scale.cardTestingSmallMinor()) {
                smallPurchaseTimes = insertNewestFirst(smallPurchaseTimes, t, settings.cardTestingSmallCount());
            }
        }

        // a value last seen this long before the newest payment counts for no payment within the headroom
        long distinctMillis = settings.distinctWindow().toMillis();
        long forgetUpTo = latest - distinctMillis - VelocityWindow.LATE_HEADROOM_MILLIS;
        merchants.see(p.merchantId(), t, forgetUpTo);
        merchantCountries.see(p.merchantCountry(), t, forgetUpTo);

        // counts over every currency; amounts only in the payment's own currency
        long[] inShort = addAndSum(shortWindow, windows.shortWindow(), t, 0L);
        long[] inMedium = addAndSum(mediumWindow, windows.mediumWindow(), t, 0L);
        long[] inLong = addAndSum(longWindow, windows.longWindow(), t, 0L);
        CurrencyAmountRings own = amountsIn(p.currency(), windows);
        long amountShort = addAndSum(own.shortWindow, windows.shortWindow(), t, p.amountMinor())[1];
        long amountMedium = addAndSum(own.mediumWindow, windows.mediumWindow(), t, p.amountMinor())[1];
        long amountLong = addAndSum(own.longWindow, windows.longWindow(), t, p.amountMinor())[1];
        return new CardFeatures(inShort[0], inMedium[0], inLong[0], amountShort, amountMedium, amountLong,
                merchants.distinctIncluding(p.merchantId(), t - distinctMillis),
                merchantCountries.distinctIncluding(p.merchantCountry(), t - distinctMillis),
                cardTesting, secondsSincePrevious,
                scale != null && p.amountMinor() >= scale.largePaymentMinor(),
                scale != null && amountLong >= scale.cardAmountLongLimitMinor(),
                scale != null);
    }

    /** The rings of {@code currency}, made (replacing the currency used longest ago when full) if the card has none. */
    private CurrencyAmountRings amountsIn(String currency, CardWindows windows) {
        if (amountsByCurrency == null) {
            amountsByCurrency = new CurrencyAmountRings[0];
        }
        int oldest = -1;
        for (int i = 0; i < amountsByCurrency.length; i++) {
            CurrencyAmountRings rings = amountsByCurrency[i];
            if (rings.currency.equals(currency)) {
                rings.fit(windows);
                return rings;
            }
            if (oldest < 0 || rings.latestBucketStart() < amountsByCurrency[oldest].latestBucketStart()) {
                oldest = i;
            }
        }
        CurrencyAmountRings fresh = new CurrencyAmountRings(currency, windows);
        if (amountsByCurrency.length < MAX_AMOUNT_CURRENCIES) {
            amountsByCurrency = Arrays.copyOf(amountsByCurrency, amountsByCurrency.length + 1);
            amountsByCurrency[amountsByCurrency.length - 1] = fresh;
        } else {
            amountsByCurrency[oldest] = fresh;
        }
        return fresh;
    }

    /** {count, amount} of the tier's window ending at t, the payment included even if the ring could not hold it. */
    private static long[] addAndSum(BucketRing ring, VelocityWindow window, long t, long amountMinor) {
        boolean held = ring.add(window.bucketOf(t), amountMinor);
        long from = window.windowStart(t);
        long to = window.bucketOf(t);
        long count = ring.count(from, to);
        long amount = ring.amount(from, to);
        return held ? new long[] {count, amount} : new long[] {count + 1, amount + amountMinor};
    }

    /** The newest of {@code newestFirst} at or before {@code t}, or {@link Long#MIN_VALUE}. */
    private static long firstAtOrBefore(long[] newestFirst, long t) {
        for (long time : newestFirst) {
            if (time <= t) {
                return time;
            }
        }
        return Long.MIN_VALUE;
    }

    private static int countBetween(long[] times, long from, long to) {
        int n = 0;
        for (long time : times) {
            if (time >= from && time <= to) {
                n++;
            }
        }
        return n;
    }

    /** {@code t} inserted in newest-first order, keeping at most {@code max} times (the newest). */
    static long[] insertNewestFirst(long[] newestFirst, long t, int max) {
        int at = 0;
        while (at < newestFirst.length && newestFirst[at] > t) {
            at++;
        }
        int length = Math.min(max, newestFirst.length + 1);
        if (at >= length) {
            // older than everything kept, and no room: a resized (smaller) limit also lands here
            return newestFirst.length == length ? newestFirst : Arrays.copyOf(newestFirst, length);
        }
        long[] result = new long[length];
        System.arraycopy(newestFirst, 0, result, 0, at);
        result[at] = t;
        System.arraycopy(newestFirst, at, result, at + 1, length - at - 1);
        return result;
    }
}
