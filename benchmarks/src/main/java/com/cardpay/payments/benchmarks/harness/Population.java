package com.cardpay.payments.benchmarks.harness;

import java.util.Locale;

/**
 * Who pays whom in a cost-growth run: distinct cards, merchants, and the share of all payments
 * that goes to one hot merchant.
 */
record Population(int cards, int merchants, double hotMerchantShare) {
    String label() {
        return String.format(Locale.ROOT, "%,d cards, %,d merchants, hot %.0f%%", cards, merchants, hotMerchantShare * 100);
    }
}
