package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Feature;

import java.util.List;
import java.util.Objects;

/**
 * A rule's condition as parsed data ({@code when}): which features it compares with what, not yet
 * how to read them from a payment. {@link RuleCompiler} turns it into a {@link Condition}.
 */
sealed interface ConditionDefinition {

    /** Every part holds. */
    record All(List<ConditionDefinition> parts) implements ConditionDefinition {
        public All {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds. */
    record Any(List<ConditionDefinition> parts) implements ConditionDefinition {
        public Any {
            parts = List.copyOf(parts);
        }
    }

    record Not(ConditionDefinition part) implements ConditionDefinition {
        public Not {
            Objects.requireNonNull(part, "part");
        }
    }

    /**
     * One feature against one value.
     *
     * @param value a {@link Long} or {@link Double} for a NUMBER feature (as written: {@code 5} is a
     *     Long, {@code 5.0} a Double), a {@link Boolean} for a BOOLEAN one, a {@link String} for a
     *     STRING one. Checked here as well as by the parser, because the compiler picks the kind of
     *     comparison from the value's class and would silently compare wrongly otherwise.
     */
    record Comparison(Feature feature, ComparisonOp op, Object value) implements ConditionDefinition {
        public Comparison {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            if (op.isOrdering() && feature.type() != Feature.Type.NUMBER) {
                throw new IllegalArgumentException(op.symbol() + " needs a NUMBER feature, not " + feature);
            }
            boolean fits = switch (feature.type()) {
                case NUMBER -> value instanceof Long || value instanceof Double;
                case BOOLEAN -> value instanceof Boolean;
                case STRING -> value instanceof String;
            };
            if (!fits) {
                throw new IllegalArgumentException(feature + " is a " + feature.type() + " feature; a "
                        + value.getClass().getSimpleName() + " value does not fit it");
            }
        }
    }
}
