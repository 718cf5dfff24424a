package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.TokenizedPayment;

import java.util.Arrays;

/**
 * Everything {@link CardFeaturesFunction} remembers about one card, in fixed, bounded memory: the
 * state of one {@code card_token}. No payment is stored, only counters and a few times.
 *
 * <ul>
 *   <li>{@link #lastMinute}, {@link #lastHour}, {@link #lastDay}: bucketed counts and amount sums
 *       (see {@link CounterTier} and {@link BucketRing});
 *   <li>{@link #merchants}, {@link #merchantCountries}: distinct values over the last hour;
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
    static final long HOUR_MILLIS = 3_600_000L;

    public BucketRing lastMinute;
    public BucketRing lastHour;
    public BucketRing lastDay;
    public RecentValues merchants;
    public RecentValues merchantCountries;
    public long[] smallPurchaseTimes;
    public long[] recentEventTimes;

    /** An empty activity; also for Flink's POJO serializer. */
    public CardActivity() {
        lastMinute = new BucketRing(CounterTier.LAST_MINUTE.slots());
        lastHour = new BucketRing(CounterTier.LAST_HOUR.slots());
        lastDay = new BucketRing(CounterTier.LAST_DAY.slots());
        merchants = new RecentValues();
        merchantCountries = new RecentValues();
        smallPurchaseTimes = new long[0];
        recentEventTimes = new long[0];
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
    CardFeatures record(TokenizedPayment p, FraudSettings settings) {
        long t = p.eventTimeMillis();
        long latest = Math.max(latestEventTime(), t);

        long previous = firstAtOrBefore(recentEventTimes, t);
        // -1 also when t is older than every remembered time: its predecessor is unknown then
        long secondsSincePrevious = previous == Long.MIN_VALUE ? -1L : (t - previous) / 1000L;
        recentEventTimes = insertNewestFirst(recentEventTimes, t, RECENT_TIMES);

        boolean cardTesting = false;
        if (p.type() == PaymentType.PURCHASE) {
            if (p.amountMinor() >= settings.largeAmountMinor()) {
                long windowStart = t - settings.cardTestingWindow().toMillis();
                cardTesting = countBetween(smallPurchaseTimes, windowStart, t) >= settings.cardTestingSmallCount();
            }
            if (p.amountMinor() <= settings.smallAmountMinor()) {
                smallPurchaseTimes = insertNewestFirst(smallPurchaseTimes, t, settings.cardTestingSmallCount());
            }
        }

        // a value last seen this long before the newest payment counts for no payment within the headroom
        long forgetUpTo = latest - HOUR_MILLIS - CounterTier.LATE_HEADROOM_MILLIS;
        merchants.see(p.merchantId(), t, forgetUpTo);
        merchantCountries.see(p.merchantCountry(), t, forgetUpTo);

        long[] minute = addAndSum(lastMinute, CounterTier.LAST_MINUTE, t, p.amountMinor());
        long[] hour = addAndSum(lastHour, CounterTier.LAST_HOUR, t, p.amountMinor());
        long[] day = addAndSum(lastDay, CounterTier.LAST_DAY, t, p.amountMinor());
        return new CardFeatures(minute[0], hour[0], day[0], minute[1], hour[1], day[1],
                merchants.distinctIncluding(p.merchantId(), t - HOUR_MILLIS),
                merchantCountries.distinctIncluding(p.merchantCountry(), t - HOUR_MILLIS),
                cardTesting, secondsSincePrevious);
    }

    /** {count, amount} of the tier's window ending at t, the payment included even if the ring could not hold it. */
    private static long[] addAndSum(BucketRing ring, CounterTier tier, long t, long amountMinor) {
        boolean held = ring.add(tier.bucketOf(t), amountMinor);
        long from = tier.windowStart(t);
        long to = tier.bucketOf(t);
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
