package com.cardpay.payments.tools.reconcile;

import java.time.Instant;

/** One settlement line: a merchant, a currency and a window. Sorts by merchant, currency, time. */
record SettlementLineKey(String merchantId, String currency, long windowStartMillis, long windowEndMillis)
        implements Comparable<SettlementLineKey> {

    @Override
    public int compareTo(SettlementLineKey o) {
        int c = merchantId.compareTo(o.merchantId);
        if (c == 0) {
            c = currency.compareTo(o.currency);
        }
        return c != 0 ? c : Long.compare(windowStartMillis, o.windowStartMillis);
    }

    @Override
    public String toString() {
        return merchantId + " " + currency + " " + Instant.ofEpochMilli(windowStartMillis) + ".."
                + Instant.ofEpochMilli(windowEndMillis);
    }
}
