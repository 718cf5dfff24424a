package com.cardpay.payments.functions.fraud;

/**
 * What a card did before this payment (event time, this payment included in the counts), computed
 * from bucketed counters in state keyed by card token. Amounts are summed in minor units across
 * currencies: a velocity signal, not a balance.
 *
 * @param secondsSincePrevious -1 for the card's first payment within the state's horizon
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
        long secondsSincePrevious) {}
