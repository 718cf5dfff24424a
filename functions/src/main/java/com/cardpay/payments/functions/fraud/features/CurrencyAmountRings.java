package com.cardpay.payments.functions.fraud.features;

/**
 * A card's amount sums in one currency, over the short, medium and long windows: the rings of
 * {@link CardActivity} hold counts over every currency, these hold amounts in their currency only,
 * so that two currencies are never added. A Flink POJO (public fields, no-arg constructor).
 */
public final class CurrencyAmountRings {
    /** ISO 4217 code. */
    public String currency;
    public BucketRing shortWindow;
    public BucketRing mediumWindow;
    public BucketRing longWindow;

    /** For Flink's POJO serializer. */
    public CurrencyAmountRings() {}

    CurrencyAmountRings(String currency, CardWindows windows) {
        this.currency = currency;
        this.shortWindow = windows.shortWindow().newRing();
        this.mediumWindow = windows.mediumWindow().newRing();
        this.longWindow = windows.longWindow().newRing();
    }

    /** Rings laid out for other window lengths (a config change across a savepoint) start afresh. */
    void fit(CardWindows windows) {
        if (!windows.shortWindow().fits(shortWindow)) {
            shortWindow = windows.shortWindow().newRing();
        }
        if (!windows.mediumWindow().fits(mediumWindow)) {
            mediumWindow = windows.mediumWindow().newRing();
        }
        if (!windows.longWindow().fits(longWindow)) {
            longWindow = windows.longWindow().newRing();
        }
    }

    /** The newest bucket of the long ring, in event time, or {@link Long#MIN_VALUE}: which currency was used last. */
    long latestBucketStart() {
        return longWindow == null || longWindow.head == BucketRing.EMPTY
                ? Long.MIN_VALUE : longWindow.head * longWindow.bucketMillis;
    }
}
