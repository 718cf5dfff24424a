package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which {@link FeePlan} each merchant is on: a default plan, and the merchants that negotiated
 * another one. Serializable because it travels inside the settlement function to the task managers;
 * it is configuration, not state, so a changed schedule applies from the next emitted revision on.
 */
public final class FeeSchedule implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Merchant ids as the ingest contract allows them. */
    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final FeePlan defaultPlan;
    private final Map<String, FeePlan> merchantPlans;

    public FeeSchedule(FeePlan defaultPlan, Map<String, FeePlan> merchantPlans) {
        this.defaultPlan = Preconditions.checkNotNull(defaultPlan, "defaultPlan");
        this.merchantPlans = Map.copyOf(Preconditions.checkNotNull(merchantPlans, "merchantPlans"));
    }

    /** Every merchant on one plan. */
    public static FeeSchedule uniform(FeePlan plan) {
        return new FeeSchedule(plan, Map.of());
    }

    /**
     * Reads a schedule from configuration text.
     *
     * @param defaultPlan a {@link FeePlan#parse} text, for example {@code 290bps+30}
     * @param merchantPlans comma-separated {@code merchantId=plan} entries, for example
     *     {@code m-1=150bps+0,m-2=200bps+25}; empty or blank for none
     * @throws IllegalArgumentException naming the offending entry: a malformed entry, a bad merchant
     *     id, a bad plan, or a merchant listed twice
     */
    public static FeeSchedule parse(String defaultPlan, String merchantPlans) {
        Preconditions.checkArgument(merchantPlans != null, "merchant fee plans must not be null (use \"\" for none)");
        FeePlan fallback;
        try {
            fallback = FeePlan.parse(defaultPlan);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default fee plan: " + e.getMessage(), e);
        }
        Map<String, FeePlan> plans = new LinkedHashMap<>();
        if (merchantPlans.isBlank()) {
            return new FeeSchedule(fallback, plans);
        }
        String[] entries = merchantPlans.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw bad(i, entry, "expected merchantId=plan, e.g. m-1=150bps+0");
            }
            String merchant = entry.substring(0, eq).trim();
            if (!MERCHANT_ID.matcher(merchant).matches()) {
                throw bad(i, entry, "merchant id must be 1 to 64 of [A-Za-z0-9_-]");
            }
            FeePlan plan;
            try {
                plan = FeePlan.parse(entry.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw bad(i, entry, e.getMessage());
            }
            if (plans.putIfAbsent(merchant, plan) != null) {
                throw bad(i, entry, "merchant " + merchant + " already has a fee plan");
            }
        }
        return new FeeSchedule(fallback, plans);
    }

    private static IllegalArgumentException bad(int index, String entry, String why) {
        return new IllegalArgumentException("merchant fee plan entry " + (index + 1) + " '" + entry + "': " + why);
    }

    /** The merchant's own plan, or the default. */
    public FeePlan planFor(String merchantId) {
        return merchantPlans.getOrDefault(merchantId, defaultPlan);
    }

    public FeePlan defaultPlan() {
        return defaultPlan;
    }

    /** The merchants with their own plan; unmodifiable. */
    public Map<String, FeePlan> merchantPlans() {
        return merchantPlans;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeeSchedule other && defaultPlan.equals(other.defaultPlan)
                && merchantPlans.equals(other.merchantPlans);
    }

    @Override
    public int hashCode() {
        return 31 * defaultPlan.hashCode() + merchantPlans.hashCode();
    }

    @Override
    public String toString() {
        return "FeeSchedule{default=" + defaultPlan + ", merchants=" + merchantPlans + "}";
    }
}
