package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Feature;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The compile step: a {@link RuleDefinition} to the executable {@link FraudRule}. Each compared
 * feature is resolved here to a primitive reader ({@link NumberReaders}) where it has one, so that
 * evaluating a rule boxes and allocates nothing.
 *
 * <p>Never rejects: the parse step has checked everything a rule says, so a definition always
 * compiles. (A rule an older job accepted and this one refuses is refused when parsed, which is what
 * {@link RestoredRules} relies on.)
 */
final class RuleCompiler {
    private final Set<Feature> features = EnumSet.noneOf(Feature.class);
    private int comparisons;

    private RuleCompiler() {} // one per rule: it collects the rule's features and counts its comparisons

    static FraudRule compile(RuleDefinition rule) {
        RuleCompiler compiler = new RuleCompiler();
        Condition condition = compiler.condition(rule.when());
        return new FraudRule(rule.id(), rule.version(), rule.state(), rule.description(), condition, rule.points(),
                rule.forcedDecision(), rule.reasonCode(), compiler.features, compiler.comparisons,
                CanonicalRuleJson.of(rule));
    }

    private Condition condition(ConditionDefinition definition) {
        if (definition instanceof ConditionDefinition.All all) {
            return new Condition.All(conditions(all.parts()));
        }
        if (definition instanceof ConditionDefinition.Any any) {
            return new Condition.Any(conditions(any.parts()));
        }
        if (definition instanceof ConditionDefinition.Not not) {
            return new Condition.Not(condition(not.part()));
        }
        return comparison((ConditionDefinition.Comparison) definition);
    }

    private Condition[] conditions(List<ConditionDefinition> parts) {
        Condition[] compiled = new Condition[parts.size()]; // arrays, not lists: evaluation walks them without an iterator
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = condition(parts.get(i));
        }
        return compiled;
    }

    private Condition comparison(ConditionDefinition.Comparison comparison) {
        Feature feature = comparison.feature();
        ComparisonOp op = comparison.op();
        features.add(feature);
        comparisons++;
        Object value = comparison.value();
        if (value instanceof Long whole) {
            ToLongFunction<Feature.Values> reader = NumberReaders.longReader(feature);
            if (reader != null) {
                return new Condition.WholeComparison(feature, reader, op, whole); // exact, whatever the magnitude
            }
            return new Condition.DecimalComparison(feature, NumberReaders.doubleReader(feature), op, whole.doubleValue());
        }
        if (value instanceof Double decimal) {
            return new Condition.DecimalComparison(feature, NumberReaders.doubleReader(feature), op, decimal);
        }
        // A Boolean or String (ConditionDefinition.Comparison checked it): the operator is == or !=.
        return new Condition.EqualityComparison(feature, value, op == ComparisonOp.EQ);
    }
}
