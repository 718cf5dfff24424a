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
        if (c == 0) {
            c = Long.compare(windowStartMillis, o.windowStartMillis);
        }
        // the end too: a line of 24 hours is not the 23-hour line that starts with it (equal to equals)
        return c != 0 ? c : Long.compare(windowEndMillis, o.windowEndMillis);
    }

    @Override
    public String toString() {
        return merchantId + " " + currency + " " + Instant.ofEpochMilli(windowStartMillis) + ".."
                + Instant.ofEpochMilli(windowEndMillis);
    }
}
