package com.cardpay.payments.functions.fraud;

/**
 * What a card did before this payment (event time, this payment included in the counts), computed
 * from bucketed counters in state keyed by card token. Amounts are summed in minor units across
 * currencies: a velocity signal, not a balance.
 *
 * @param secondsSincePrevious -1 for the card's first payment within the state's horizon
 */
public record CardFeatures(
        long count1m,
        long count1h,
        long count24h,
        long amount1m,
        long amount1h,
        long amount24h,
        int distinctMerchants1h,
        int distinctCountries1h,
        boolean cardTesting,
        long secondsSincePrevious) {}
