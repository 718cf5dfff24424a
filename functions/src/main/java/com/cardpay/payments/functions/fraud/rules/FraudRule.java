package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;

import javax.annotation.Nullable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One compiled fraud rule, immutable and thread-safe. Made only by {@link RuleCompiler} from a
 * definition {@link RuleParser} checked, so every instance is valid. Two rules are equal when their
 * canonical JSON is.
 */
public final class FraudRule {
    private final String id;
    private final int version;
    private final RuleState state;
    private final String description;
    private final Condition condition;
    private final int points;
    @Nullable private final Decision forcedDecision;
    private final String reasonCode;
    private final Set<Feature> features;
    private final int comparisons;
    private final String canonicalJson;
    private final Reason reason;
    private final ShadowHit shadowHit;

    FraudRule(
            String id,
            int version,
            RuleState state,
            String description,
            Condition condition,
            int points,
            @Nullable Decision forcedDecision,
            String reasonCode,
            Set<Feature> features,
            int comparisons,
            String canonicalJson) {
        this.id = id;
        this.version = version;
        this.state = state;
        this.description = description;
        this.condition = condition;
        this.points = points;
        this.forcedDecision = forcedDecision;
        this.reasonCode = reasonCode;
        this.features = Collections.unmodifiableSet(features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
        this.comparisons = comparisons;
        this.canonicalJson = canonicalJson;
        this.reason = new Reason(reasonCode, id, version, points);
        this.shadowHit = new ShadowHit(id, version, points, forcedDecision);
    }

    /** Whether the rule's condition holds for these values, whatever its state. Allocates nothing. */
    public boolean matches(Feature.Values values) {
        return condition.test(values);
    }

    /** The flat form for Flink state. */
    public StoredRule toStoredRule() {
        return new StoredRule(id, version, canonicalJson);
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public RuleState state() {
        return state;
    }

    /** The analyst's description; empty when the rule has none. */
    public String description() {
        return description;
    }

    /** Points added when an ACTIVE rule matches: 0 to 1000, and 0 for a forced decision. */
    public int points() {
        return points;
    }

    /** REVIEW or DECLINE for a forced-decision rule, null for a points rule. */
    @Nullable
    public Decision forcedDecision() {
        return forcedDecision;
    }

    public String reasonCode() {
        return reasonCode;
    }

    /** The features the condition reads. */
    public Set<Feature> features() {
        return features;
    }

    /** How many comparisons the condition has. */
    public int comparisons() {
        return comparisons;
    }

    /**
     * The rule as JSON in one canonical form (fixed field order, defaults written out, feature names
     * in lower case, no white space): equal rules have equal canonical JSON.
     */
    public String canonicalJson() {
        return canonicalJson;
    }

    /** What a match of this rule adds to a payment's reasons (one shared instance). */
    public Reason reason() {
        return reason;
    }

    /** What a match of this rule reports as a shadow hit (one shared instance). */
    public ShadowHit shadowHit() {
        return shadowHit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FraudRule other && canonicalJson.equals(other.canonicalJson);
    }

    @Override
    public int hashCode() {
        return canonicalJson.hashCode();
    }

    @Override
    public String toString() {
        return id + " v" + version + " " + state
                + (forcedDecision != null ? " forces " + forcedDecision : " " + points + " points");
    }
}
