package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Decision;

import javax.annotation.Nullable;
import java.util.Objects;

/**
 * One fraud rule as the language describes it: parsed and checked, defaults filled in, but not yet
 * compiled into something that reads payments. Plain data, so the parse step
 * ({@link RuleDefinitionParser}) and the compile step ({@link RuleCompiler}) can be tested apart.
 * Package-private: nothing outside the rules needs the middle of the pipeline, and keeping it here
 * leaves it free to change.
 *
 * @param id the rule id ({@link RuleParser#ID})
 * @param version 1 or higher
 * @param description the analyst's description; empty when the rule has none
 * @param when the condition under which the rule matches
 * @param points 0 to {@link RuleParser#MAX_POINTS}; 0 for a forced-decision rule
 * @param forcedDecision REVIEW or DECLINE for a forced-decision rule, null for a points rule
 * @param reasonCode the explicit reason, or the one made from the id ({@code velocity-burst} gives
 *     {@code VELOCITY_BURST})
 */
record RuleDefinition(
        String id,
        int version,
        RuleState state,
        String description,
        ConditionDefinition when,
        int points,
        @Nullable Decision forcedDecision,
        String reasonCode) {

    RuleDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
