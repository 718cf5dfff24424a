package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleMessages.describe;
import static com.cardpay.payments.functions.fraud.rules.RuleMessages.shorten;
import static com.cardpay.payments.functions.fraud.rules.RuleParser.MAX_COMPARISONS;
import static com.cardpay.payments.functions.fraud.rules.RuleParser.MAX_DEPTH;

import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.cardpay.payments.functions.model.PaymentType;
import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parse step for a rule's {@code when}: a JSON condition tree to a checked
 * {@link ConditionDefinition}. Each rejection names the place ({@code when.all[1].not.op}).
 *
 * <p>One instance per rule, because it counts the rule's comparisons. The tree is walked depth
 * first, in the order written, and a comparison is counted before its feature, operator and value
 * are checked: that order decides which fault of a faulty rule is reported.
 */
final class ConditionParser {
    private static final List<String> COMPARISON_FIELDS = List.of("feature", "op", "value");
    private static final List<String> COMBINATORS = List.of("all", "any", "not");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final String OPERATORS =
            Arrays.stream(ComparisonOp.values()).map(ComparisonOp::symbol).collect(Collectors.joining(", "));
    private static final List<String> FEATURE_NAMES = Arrays.stream(Feature.values()).map(Feature::featureName).toList();
    private static final String PAYMENT_TYPES =
            Arrays.stream(PaymentType.values()).map(Enum::name).collect(Collectors.joining(", "));

    private final RuleIdentity identity;
    private int comparisons;

    ConditionParser(RuleIdentity identity) {
        this.identity = identity;
    }

    /** The rule's {@code when}. */
    ConditionDefinition when(JsonNode node) throws RuleRejectedException {
        return condition(node, "when", 1);
    }

    private ConditionDefinition condition(JsonNode node, String path, int depth) throws RuleRejectedException {
        if (depth > MAX_DEPTH) {
            throw identity.reject(Category.LIMIT, path + ": the condition nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!node.isObject()) {
            throw identity.reject(Category.BAD_FIELD, path + " must be a condition object ({\"feature\", \"op\","
                    + " \"value\"}, {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}), not " + describe(node));
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        String combinator = names.stream().filter(COMBINATORS::contains).findFirst().orElse(null);
        if (combinator != null) {
            return combination(node, names, combinator, path, depth);
        }
        requireComparisonFields(names, path);
        if (++comparisons > MAX_COMPARISONS) {
            throw identity.reject(Category.LIMIT, path + ": the condition has more than " + MAX_COMPARISONS
                    + " comparisons");
        }
        return comparison(node, path);
    }

    /** {@code all}, {@code any} or {@code not}, alone in its object. */
    private ConditionDefinition combination(JsonNode node, List<String> names, String combinator, String path,
            int depth) throws RuleRejectedException {
        if (names.size() != 1) {
            throw identity.reject(Category.BAD_FIELD, path + " has " + names.stream().map(n -> "'" + shorten(n) + "'")
                    .collect(Collectors.joining(", ")) + "; a condition with '" + combinator + "' must have no other field");
        }
        JsonNode inner = node.get(combinator);
        String innerPath = path + "." + combinator;
        if (combinator.equals("not")) {
            return new ConditionDefinition.Not(condition(inner, innerPath, depth + 1));
        }
        if (!inner.isArray() || inner.isEmpty()) {
            throw identity.reject(Category.BAD_FIELD, innerPath + " must be a non-empty list of conditions, not "
                    + describe(inner));
        }
        List<ConditionDefinition> parts = new ArrayList<>(inner.size());
        for (int i = 0; i < inner.size(); i++) {
            parts.add(condition(inner.get(i), innerPath + "[" + i + "]", depth + 1));
        }
        return combinator.equals("all") ? new ConditionDefinition.All(parts) : new ConditionDefinition.Any(parts);
    }

    private void requireComparisonFields(List<String> names, String path) throws RuleRejectedException {
        List<String> unknown = names.stream().filter(n -> !COMPARISON_FIELDS.contains(n)).toList();
        if (!unknown.isEmpty()) {
            List<String> allowed = new ArrayList<>(COMPARISON_FIELDS);
            allowed.addAll(COMBINATORS);
            throw identity.reject(Category.BAD_FIELD, RuleMessages.unknownFields(unknown, path + ".", allowed)
                    + "; a condition is {\"feature\", \"op\", \"value\"} or one of all, any, not");
        }
        List<String> missing = COMPARISON_FIELDS.stream().filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw identity.reject(Category.BAD_FIELD, path + " is a comparison without " + String.join(", ", missing)
                    + "; a comparison has feature, op and value");
        }
    }

    private ConditionDefinition comparison(JsonNode node, String path) throws RuleRejectedException {
        Feature feature = feature(node.get("feature"), path);
        ComparisonOp op = operator(node.get("op"), feature, path);
        return new ConditionDefinition.Comparison(feature, op, value(node.get("value"), feature, path));
    }

    private Feature feature(JsonNode node, String path) throws RuleRejectedException {
        if (!node.isTextual()) {
            throw identity.reject(Category.BAD_FIELD, path + ".feature must be a feature name, not " + describe(node));
        }
        Feature feature = Feature.byName(node.textValue());
        if (feature == null) {
            String name = node.textValue();
            String suggestion = RuleMessages.closest(name, FEATURE_NAMES);
            throw identity.reject(Category.UNKNOWN_FEATURE, path + ".feature: unknown feature '" + shorten(name) + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; known features: " + String.join(", ", FEATURE_NAMES));
        }
        return feature;
    }

    private ComparisonOp operator(JsonNode node, Feature feature, String path) throws RuleRejectedException {
        ComparisonOp op = node.isTextual() ? ComparisonOp.bySymbol(node.textValue()) : null;
        if (op == null) {
            throw identity.reject(Category.BAD_OPERATOR, path + ".op: unknown operator " + describe(node)
                    + "; operators are " + OPERATORS);
        }
        if (op.isOrdering() && feature.type() != Feature.Type.NUMBER) {
            throw identity.reject(Category.BAD_OPERATOR, path + ".op: '" + op.symbol() + "' needs a NUMBER feature, but '"
                    + feature.featureName() + "' is " + feature.type() + ", which takes only == and !=");
        }
        return op;
    }

    /** The value as {@link ConditionDefinition.Comparison#value} holds it. */
    private Object value(JsonNode node, Feature feature, String path) throws RuleRejectedException {
        String mismatch = path + ".value: '" + feature.featureName() + "' is a " + feature.type()
                + " feature, so the value must be a JSON ";
        return switch (feature.type()) {
            case NUMBER -> number(node, path, mismatch);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw identity.reject(Category.TYPE_MISMATCH, mismatch + "true or false, not " + describe(node));
                }
                yield node.booleanValue();
            }
            case STRING -> text(node, feature, path, mismatch);
        };
    }

    /** A Long when written as a whole number (compared exactly), else a Double. */
    private Object number(JsonNode node, String path, String mismatch) throws RuleRejectedException {
        if (!node.isNumber()) {
            throw identity.reject(Category.TYPE_MISMATCH, mismatch + "number, not " + describe(node));
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw identity.reject(Category.TYPE_MISMATCH, path + ".value: " + describe(node) + " is out of range");
            }
            return node.longValue();
        }
        double decimal = node.doubleValue();
        if (!Double.isFinite(decimal)) {
            throw identity.reject(Category.TYPE_MISMATCH, path + ".value: " + describe(node) + " is out of range");
        }
        return decimal;
    }

    private String text(JsonNode node, Feature feature, String path, String mismatch) throws RuleRejectedException {
        if (!node.isTextual()) {
            throw identity.reject(Category.TYPE_MISMATCH, mismatch + "string, not " + describe(node));
        }
        String never = neverMatches(feature, node.textValue());
        if (never != null) {
            throw identity.reject(Category.TYPE_MISMATCH, path + ".value: '" + feature.featureName()
                    + "' is never " + describe(node) + "; " + never);
        }
        return node.textValue();
    }

    /** Why a string value can never equal the feature, or null when it can. */
    @Nullable
    private static String neverMatches(Feature feature, String value) {
        return switch (feature) {
            case PAYMENT_TYPE -> Arrays.stream(PaymentType.values()).anyMatch(t -> t.name().equals(value))
                    ? null : "payment types are " + PAYMENT_TYPES;
            case PAYMENT_CURRENCY -> CURRENCY.matcher(value).matches()
                    ? null : "currencies are ISO 4217 codes in upper case, like EUR";
            case PAYMENT_CARD_COUNTRY, PAYMENT_MERCHANT_COUNTRY -> COUNTRY.matcher(value).matches()
                    ? null : "countries are ISO 3166-1 alpha-2 codes in upper case, like DE";
            default -> null;
        };
    }
}
