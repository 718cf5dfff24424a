package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.functions.settlement.FeePlan;
import com.cardpay.payments.functions.settlement.FeeSchedule;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settlement lines recomputed from payments and their decisions alone, without any of the job's
 * operators: its own window arithmetic ({@link MerchantDays}: the merchants' local days), its own
 * totals and its own fee rounding (BigDecimal, half-even), with only the fee plans' parameters in
 * common. A line whose totals overflow a
 * {@code long} is remembered as overflowed: the job must not have emitted it.
 */
final class ExpectedSettlements {
    private static final int PURCHASE_COUNT = 0;
    private static final int GROSS = 1;
    private static final int REFUND_COUNT = 2;
    private static final int REFUNDS = 3;
    private static final int CHARGEBACK_COUNT = 4;
    private static final int CHARGEBACKS = 5;
    private static final int DECLINED_COUNT = 6;
    private static final int DECLINED = 7;

    private final MerchantDays days;
    private final FeeSchedule fees;
    private final Map<SettlementLineKey, MerchantDays.Window> windows = new TreeMap<>();
    private final Map<SettlementLineKey, long[]> totals = new TreeMap<>();
    private final Set<SettlementLineKey> overflowed = new HashSet<>();

    ExpectedSettlements(MerchantDays days, FeeSchedule fees) {
        this.days = days;
        this.fees = fees;
    }

    /** The line a payment belongs to. */
    SettlementLineKey lineOf(PaymentFacts p) {
        return days.windowOf(p.merchantId(), p.currency(), p.eventTimeMillis()).line();
    }

    /** The zone and business date of an expected line; null for a line no payment belongs to. */
    MerchantDays.Window windowOf(SettlementLineKey line) {
        return windows.get(line);
    }

    void add(PaymentFacts p, boolean declined) {
        MerchantDays.Window window = days.windowOf(p.merchantId(), p.currency(), p.eventTimeMillis());
        SettlementLineKey line = window.line();
        windows.putIfAbsent(line, window);
        long[] t = totals.computeIfAbsent(line, k -> new long[8]);
        int count;
        int amount;
        if (declined) {
            count = DECLINED_COUNT;
            amount = DECLINED;
        } else {
            switch (p.type()) {
                case "PURCHASE" -> { count = PURCHASE_COUNT; amount = GROSS; }
                case "REFUND" -> { count = REFUND_COUNT; amount = REFUNDS; }
                default -> { count = CHARGEBACK_COUNT; amount = CHARGEBACKS; }
            }
        }
        try {
            t[count] = Math.addExact(t[count], 1);
            t[amount] = Math.addExact(t[amount], p.amountMinor());
        } catch (ArithmeticException e) {
            overflowed.add(line);
        }
    }

    /** Every line with its amounts, fees and net; overflowed lines are left out (see {@link #overflowed}). */
    Map<SettlementLineKey, LineAmounts> lines() {
        Map<SettlementLineKey, LineAmounts> out = new TreeMap<>();
        totals.forEach((line, t) -> {
            if (overflowed.contains(line)) {
                return;
            }
            FeePlan plan = fees.planFor(line.merchantId(), line.currency());
            BigInteger fee = new BigDecimal(BigInteger.valueOf(t[GROSS]).multiply(BigInteger.valueOf(plan.basisPoints())))
                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN).toBigIntegerExact()
                    .add(BigInteger.valueOf(plan.fixedFeeMinor()).multiply(BigInteger.valueOf(t[PURCHASE_COUNT])));
            BigInteger net = BigInteger.valueOf(t[GROSS]).subtract(BigInteger.valueOf(t[REFUNDS]))
                    .subtract(BigInteger.valueOf(t[CHARGEBACKS])).subtract(fee);
            if (fee.bitLength() > 63 || net.bitLength() > 63) {
                overflowed.add(line);
                return;
            }
            out.put(line, new LineAmounts(new long[] {t[PURCHASE_COUNT], t[GROSS], t[REFUND_COUNT], t[REFUNDS],
                    t[CHARGEBACK_COUNT], t[CHARGEBACKS], t[DECLINED_COUNT], t[DECLINED], fee.longValueExact(),
                    net.longValueExact()}));
        });
        return out;
    }

    /** Lines whose amounts do not fit in 64 bits; valid after {@link #lines()}. */
    Set<SettlementLineKey> overflowed() {
        return overflowed;
    }
}
