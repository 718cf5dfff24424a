package com.cardpay.payments.functions.settlement;

import org.apache.flink.util.Preconditions;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which {@link FeePlanTerms} each merchant is on: a default plan, and the merchants that negotiated
 * another one. Serializable because it travels inside the settlement function to the task managers;
 * it is configuration, not state, so a changed schedule applies from the next emitted revision on.
 *
 * <p>Every plan must price every currency the job settles ({@link #unpriced}); configuration
 * refuses a schedule that does not, naming the key, so {@link #planFor} never meets an unpriced
 * currency at run time.
 */
public final class FeeSchedule implements Serializable {
    private static final long serialVersionUID = 2L;
    /** Merchant ids as the ingest contract allows them. */
    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final FeePlanTerms defaultPlan;
    private final Map<String, FeePlanTerms> merchantPlans;

    public FeeSchedule(FeePlanTerms defaultPlan, Map<String, FeePlanTerms> merchantPlans) {
        this.defaultPlan = Preconditions.checkNotNull(defaultPlan, "defaultPlan");
        this.merchantPlans = Map.copyOf(Preconditions.checkNotNull(merchantPlans, "merchantPlans"));
    }

    /** Every merchant on one plan. */
    public static FeeSchedule uniform(FeePlanTerms plan) {
        return new FeeSchedule(plan, Map.of());
    }

    /**
     * Reads a schedule from configuration text.
     *
     * @param defaultPlan a {@link FeePlanTerms#parse} text, for example {@code 290bps+0.30EUR/30JPY}
     * @param merchantPlans comma-separated {@code merchantId=plan} entries, for example
     *     {@code m-1=150bps,m-2=200bps+0.25EUR/25JPY}; empty or blank for none
     * @throws IllegalArgumentException naming the offending entry: a malformed entry, a bad merchant
     *     id, a bad plan, or a merchant listed twice
     */
    public static FeeSchedule parse(String defaultPlan, String merchantPlans) {
        Preconditions.checkArgument(merchantPlans != null, "merchant fee plans must not be null (use \"\" for none)");
        FeePlanTerms fallback;
        try {
            fallback = FeePlanTerms.parse(defaultPlan);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default fee plan: " + e.getMessage(), e);
        }
        Map<String, FeePlanTerms> plans = new LinkedHashMap<>();
        if (merchantPlans.isBlank()) {
            return new FeeSchedule(fallback, plans);
        }
        String[] entries = merchantPlans.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw bad(i, entry, "expected merchantId=plan, e.g. m-1=150bps+0.10EUR");
            }
            String merchant = entry.substring(0, eq).trim();
            if (!MERCHANT_ID.matcher(merchant).matches()) {
                throw bad(i, entry, "merchant id must be 1 to 64 of [A-Za-z0-9_-]");
            }
            FeePlanTerms plan;
            try {
                plan = FeePlanTerms.parse(entry.substring(eq + 1));
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
    public FeePlanTerms termsFor(String merchantId) {
        return merchantPlans.getOrDefault(merchantId, defaultPlan);
    }

    /**
     * The plan a line of this merchant in this currency applies.
     *
     * @throws IllegalArgumentException if the merchant's plan does not price the currency: a
     *     schedule that passed {@link #unpriced} for the settled currencies never throws it
     */
    public FeePlan planFor(String merchantId, String currency) {
        FeePlanTerms terms = termsFor(merchantId);
        if (!terms.prices(currency)) {
            // Only a window restored from before settlement.currencies existed can get here: fail
            // loudly (the job restarts from its checkpoint, nothing lost) rather than guess a fee.
            throw new IllegalArgumentException("the fee plan of merchant " + merchantId + " (" + terms + ") does not price "
                    + currency + "; add " + currency + " to settlement.currencies and its fixed fee to "
                    + "settlement.default-fee-plan / settlement.merchant-fee-plans");
        }
        return terms.forCurrency(currency);
    }

    /**
     * What the default plan does not price among {@code currencies}, as "EUR, JPY"; empty when it
     * prices them all.
     */
    public String unpricedByDefault(Collection<String> currencies) {
        return missing(defaultPlan, currencies);
    }

    /**
     * The merchants whose own plan leaves a currency of {@code currencies} unpriced, sorted, each
     * with what it leaves out ({@code "BHD, JPY"}); empty when every merchant plan prices them all.
     */
    public SortedMap<String, String> unpriced(Collection<String> currencies) {
        SortedMap<String, String> problems = new TreeMap<>();
        merchantPlans.forEach((merchant, plan) -> {
            String missing = missing(plan, currencies);
            if (!missing.isEmpty()) {
                problems.put(merchant, missing);
            }
        });
        return problems;
    }

    private static String missing(FeePlanTerms plan, Collection<String> currencies) {
        return String.join(", ", currencies.stream().filter(c -> !plan.prices(c)).sorted().toList());
    }

    public FeePlanTerms defaultPlan() {
        return defaultPlan;
    }

    /** The merchants with their own plan; unmodifiable. */
    public Map<String, FeePlanTerms> merchantPlans() {
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
