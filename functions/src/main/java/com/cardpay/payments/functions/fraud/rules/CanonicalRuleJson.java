package com.cardpay.payments.functions.fraud.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rule's canonical JSON ({@link FraudRule#canonicalJson()}): fixed field order, defaults written
 * out, feature names in lower case, no white space. Flink state keeps it ({@link StoredRule#json})
 * and rule equality compares it, so the text written for a rule must not change between job
 * versions: {@code CanonicalRuleJsonTest} pins it.
 */
final class CanonicalRuleJson {
    // Default settings: the parse step's mapper differs only in how it reads, not in how it writes.
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalRuleJson() {}

    static String of(RuleDefinition rule) {
        ObjectNode canonical = NODES.objectNode();
        canonical.put("id", rule.id());
        canonical.put("version", rule.version());
        canonical.put("state", rule.state().name());
        canonical.put("description", rule.description());
        canonical.set("when", condition(rule.when()));
        if (rule.forcedDecision() != null) {
            canonical.put("decision", rule.forcedDecision().name());
        } else {
            canonical.put("points", rule.points());
        }
        canonical.put("reason", rule.reasonCode());
        try {
            return MAPPER.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static ObjectNode condition(ConditionDefinition definition) {
        ObjectNode node = NODES.objectNode();
        if (definition instanceof ConditionDefinition.All all) {
            ArrayNode parts = node.putArray("all");
            all.parts().forEach(part -> parts.add(condition(part)));
        } else if (definition instanceof ConditionDefinition.Any any) {
            ArrayNode parts = node.putArray("any");
            any.parts().forEach(part -> parts.add(condition(part)));
        } else if (definition instanceof ConditionDefinition.Not not) {
            node.set("not", condition(not.part()));
        } else {
            comparison((ConditionDefinition.Comparison) definition, node);
        }
        return node;
    }

    private static void comparison(ConditionDefinition.Comparison comparison, ObjectNode node) {
        node.put("feature", comparison.feature().featureName());
        node.put("op", comparison.op().symbol());
        Object value = comparison.value();
        if (value instanceof Long whole) {
            node.put("value", whole.longValue());
        } else if (value instanceof Double decimal) {
            node.put("value", decimal.doubleValue());
        } else if (value instanceof Boolean flag) {
            node.put("value", flag.booleanValue());
        } else {
            node.put("value", (String) value);
        }
    }
}
