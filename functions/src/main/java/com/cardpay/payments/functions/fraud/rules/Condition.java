package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Feature;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A compiled condition. Features are resolved to readers when the rule is compiled
 * ({@link RuleCompiler}); evaluating walks arrays and compares primitives, and allocates nothing.
 */
sealed interface Condition {
    boolean test(Feature.Values values);

    /** Every condition holds (short-circuit, in the order written). */
    record All(Condition[] parts) implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            for (Condition part : parts) {
                if (!part.test(values)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** At least one condition holds (short-circuit, in the order written). */
    record Any(Condition[] parts) implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            for (Condition part : parts) {
                if (part.test(values)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition part) implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            return !part.test(values);
        }
    }

    /** A whole-number feature against a whole number: exact, whatever the magnitude. */
    record WholeComparison(Feature feature, ToLongFunction<Feature.Values> reader, ComparisonOp op, long value)
            implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            return op.test(reader.applyAsLong(values), value);
        }
    }

    /** A decimal feature, or a decimal value. */
    record DecimalComparison(Feature feature, ToDoubleFunction<Feature.Values> reader, ComparisonOp op, double value)
            implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            return op.test(reader.applyAsDouble(values), value);
        }
    }

    /**
     * A BOOLEAN or STRING feature, {@code ==} or {@code !=}; strings are case-sensitive, and an
     * absent value equals nothing. {@link Feature#valueOf} returns cached Booleans and existing
     * Strings, so this allocates nothing either.
     */
    record EqualityComparison(Feature feature, Object value, boolean equal) implements Condition {
        @Override
        public boolean test(Feature.Values values) {
            return Objects.equals(feature.valueOf(values), value) == equal;
        }
    }
}
