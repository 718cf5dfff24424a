package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_ADJUSTMENT_BATCH;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_ADJUSTMENT_HORIZON;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_ALLOWED_LATENESS;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_CURRENCIES;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_DEFAULT_FEE_PLAN;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_DEFAULT_TIME_ZONE;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_MERCHANT_FEE_PLANS;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_MERCHANT_TIME_ZONES;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_WINDOW;
import static com.cardpay.payments.jobs.config.ConfigKey.SETTLEMENT_WINDOW_OFFSET;

import com.cardpay.payments.functions.money.CurrencyAmounts;
import com.cardpay.payments.functions.settlement.FeePlanTerms;
import com.cardpay.payments.functions.settlement.FeeSchedule;
import com.cardpay.payments.functions.settlement.MerchantTimeZones;
import com.cardpay.payments.functions.settlement.SettlementWindows;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settlement stage's settings: its event-time windows and the merchants' time zones they are
 * cut in, how long it waits for and then still takes late payments, the merchants' fee plans and
 * the currencies it settles. The reconciliation tool reads the same ones.
 *
 * @param currencies the settled currencies ({@code settlement.currencies}): ingest rejects a payment
 *     in any other, and every fee plan prices each of them, so no line is ever without its fee
 */
public record SettlementSettings(
        Duration window,
        Duration windowOffset,
        Duration allowedLateness,
        Duration adjustmentHorizon,
        Duration adjustmentBatch,
        FeeSchedule fees,
        MerchantTimeZones timeZones,
        Set<String> currencies) implements Serializable {

    public SettlementWindows windows() {
        return new SettlementWindows(window.toMillis(), windowOffset.toMillis(), timeZones);
    }

    static SettlementSettings from(ConfigValues v) {
        Duration window = v.duration(SETTLEMENT_WINDOW);
        Duration offset = v.nonNegativeDuration(SETTLEMENT_WINDOW_OFFSET);
        if (offset.compareTo(window) >= 0) {
            v.problem(SETTLEMENT_WINDOW_OFFSET, "must be shorter than settlement.window (" + window + "), got " + offset);
            offset = Duration.ZERO;
        }
        if (window.toMillis() < 1000) {
            v.problem(SETTLEMENT_WINDOW, "must be at least 1s, got " + window);
            window = Duration.ofSeconds(1);
        }
        Set<String> currencies = currencies(v);
        String defaultPlan = v.string(SETTLEMENT_DEFAULT_FEE_PLAN);
        String merchantPlans = v.optionalString(SETTLEMENT_MERCHANT_FEE_PLANS);
        FeeSchedule fees = null;
        try {
            FeePlanTerms.parse(defaultPlan);
            try {
                fees = FeeSchedule.parse(defaultPlan, merchantPlans == null ? "" : merchantPlans);
            } catch (IllegalArgumentException e) {
                v.problem(SETTLEMENT_MERCHANT_FEE_PLANS, e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            v.problem(SETTLEMENT_DEFAULT_FEE_PLAN, e.getMessage());
        }
        if (fees != null) {
            // Never a silent default: a line in a currency its plan does not price would have no fee.
            String unpriced = fees.unpricedByDefault(currencies);
            if (!unpriced.isEmpty()) {
                v.problem(SETTLEMENT_DEFAULT_FEE_PLAN, "prices no fixed fee in " + unpriced + ", which settlement.currencies "
                        + "settles; add it, e.g. +0.30EUR/50JPY, got '" + defaultPlan + "'");
            }
            fees.unpriced(currencies).forEach((merchant, missing) -> v.problem(SETTLEMENT_MERCHANT_FEE_PLANS,
                    "the plan of merchant " + merchant + " prices no fixed fee in " + missing
                            + ", which settlement.currencies settles"));
        }
        MerchantTimeZones zones = timeZones(v, window, offset);
        return new SettlementSettings(window, offset, v.nonNegativeDuration(SETTLEMENT_ALLOWED_LATENESS),
                v.duration(SETTLEMENT_ADJUSTMENT_HORIZON), v.duration(SETTLEMENT_ADJUSTMENT_BATCH), fees, zones, currencies);
    }

    /** {@code settlement.currencies}: ISO 4217 codes with minor units, at least one, none twice. */
    private static Set<String> currencies(ConfigValues v) {
        String text = v.string(SETTLEMENT_CURRENCIES);
        TreeSet<String> currencies = new TreeSet<>();
        for (String entry : List.of(text.split(",", -1))) {
            String code = entry.trim();
            try {
                CurrencyAmounts.fractionDigits(code);
            } catch (IllegalArgumentException e) {
                v.problem(SETTLEMENT_CURRENCIES, e.getMessage());
                continue;
            }
            if (!currencies.add(code)) {
                v.problem(SETTLEMENT_CURRENCIES, code + " is listed twice");
            }
        }
        return Collections.unmodifiableSortedSet(currencies);
    }

    /**
     * The merchants' zones, each bad one a problem of its key; and a window length or offset that
     * the zones cannot cut ({@link SettlementWindows#problemWith}) a problem of the key that
     * would have to change: the offset for a daily window, else the window.
     */
    private static MerchantTimeZones timeZones(ConfigValues v, Duration window, Duration offset) {
        String merchantZones = v.optionalString(SETTLEMENT_MERCHANT_TIME_ZONES);
        MerchantTimeZones zones;
        try {
            zones = MerchantTimeZones.parse(v.string(SETTLEMENT_DEFAULT_TIME_ZONE), merchantZones == null ? "" : merchantZones);
        } catch (MerchantTimeZones.DefaultZoneException e) {
            v.problem(SETTLEMENT_DEFAULT_TIME_ZONE, e.getMessage());
            return MerchantTimeZones.utc();
        } catch (IllegalArgumentException e) {
            v.problem(SETTLEMENT_MERCHANT_TIME_ZONES, e.getMessage());
            return MerchantTimeZones.utc();
        }
        String problem = SettlementWindows.problemWith(window.toMillis(), offset.toMillis(), zones);
        if (problem != null) {
            v.problem(window.equals(Duration.ofDays(1)) ? SETTLEMENT_WINDOW_OFFSET : SETTLEMENT_WINDOW,
                    problem + " (zones: settlement.default-time-zone, settlement.merchant-time-zones)");
            return MerchantTimeZones.utc();
        }
        return zones;
    }
}
