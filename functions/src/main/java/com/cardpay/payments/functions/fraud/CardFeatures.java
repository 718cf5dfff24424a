package com.cardpay.payments.functions.fraud;

/**
 * What a card did before this payment (event time, this payment included in the counts), computed
 * from bucketed counters in state keyed by card token. Counts are over every currency; amounts are
 * the card's payments in <b>this payment's currency</b> only, in its minor units: two currencies
 * are never added together.
 *
 * @param secondsSincePrevious -1 for the card's first payment within the state's horizon
 * @param largePayment this payment's amount is at or above its currency's large-payment threshold
 * @param amountLongOverLimit {@code amountLong} is at or above its currency's limit
 * @param thresholdsKnown false when the payment's currency has no thresholds: {@code cardTesting},
 *     {@code largePayment} and {@code amountLongOverLimit} are then off (false), and the scored
 *     record says so
 */
public record CardFeatures(
        long countShort,
        long countMedium,
        long countLong,
        long amountShort,
        long amountMedium,
        long amountLong,
        int distinctMerchants,
        int distinctCountries,
        boolean cardTesting,
        long secondsSincePrevious,
        boolean largePayment,
        boolean amountLongOverLimit,
        boolean thresholdsKnown) {

    /** Features of a payment whose currency has thresholds, none of the threshold features on but card testing. */
    public CardFeatures(long countShort, long countMedium, long countLong, long amountShort, long amountMedium,
            long amountLong, int distinctMerchants, int distinctCountries, boolean cardTesting, long secondsSincePrevious) {
        this(countShort, countMedium, countLong, amountShort, amountMedium, amountLong, distinctMerchants,
                distinctCountries, cardTesting, secondsSincePrevious, false, false, true);
    }
}
