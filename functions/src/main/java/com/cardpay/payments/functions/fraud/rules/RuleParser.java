package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.cardpay.payments.functions.model.PaymentType;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and compiles fraud rules (see {@code docs/fraud-rules.md} for the language). Stateless and
 * thread-safe; one instance can serve every caller.
 *
 * <p>Strict on purpose, because a typo in a rule silently changes decisions: unknown fields,
 * duplicate fields, trailing data, JSON types that do not match, and string values a feature can
 * never take are all rejected with a message naming the place ({@code when.all[1].not.op}).
 */
public final class RuleParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Longest rule record accepted, in characters. */
    public static final int MAX_JSON_CHARS = 64 * 1024;
    /** Deepest condition: a lone comparison has depth 1, {@code {"all": [comparison]}} depth 2. */
    public static final int MAX_DEPTH = 8;
    public static final int MAX_COMPARISONS = 64;
    public static final int MAX_POINTS = 1000;
    public static final int MAX_DESCRIPTION_CHARS = 1000;
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final Pattern REASON_CODE = Pattern.compile("[A-Z0-9_]{1,64}");

    private static final List<String> FIELDS =
            List.of("id", "version", "state", "description", "when", "points", "decision", "reason");
    private static final List<String> COMPARISON_FIELDS = List.of("feature", "op", "value");
    private static final List<String> COMBINATORS = List.of("all", "any", "not");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final String OPERATORS =
            Arrays.stream(ComparisonOp.values()).map(ComparisonOp::symbol).collect(Collectors.joining(", "));
    private static final String FEATURE_NAMES =
            Arrays.stream(Feature.values()).map(Feature::featureName).collect(Collectors.joining(", "));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A record of {@code payments.fraud-rules}: rejects tombstones, and records whose key is not the
     * rule's id (compaction keeps one record per key, so the two must agree).
     */
    public FraudRule parse(RuleUpdate update) throws RuleRejectedException {
        if (update.json() == null) {
            throw new RuleRejectedException(Category.MALFORMED, validId(update.key()), 0,
                    "a tombstone (null value) is not a rule update; to take a rule out, publish it with"
                            + " \"state\": \"DISABLED\" and a higher version");
        }
        FraudRule rule = parse(update.json());
        if (update.key() == null || !update.key().equals(rule.id())) {
            throw new RuleRejectedException(Category.KEY_MISMATCH, rule.id(), rule.version(),
                    (update.key() == null ? "the record has no key" : "the record key is '" + shorten(update.key()) + "'")
                            + " but the rule's id is '" + rule.id() + "'; the key must be the rule id");
        }
        return rule;
    }

    /** A rule as Flink state held it; its id and version must be those of the JSON. */
    public FraudRule parse(StoredRule stored) throws RuleRejectedException {
        FraudRule rule = parse(stored.json());
        if (!rule.id().equals(stored.id()) || rule.version() != stored.version()) {
            throw new RuleRejectedException(Category.KEY_MISMATCH, rule.id(), rule.version(),
                    "stored as " + stored.id() + " v" + stored.version() + " but the JSON is " + rule.id()
                            + " v" + rule.version());
        }
        return rule;
    }

    /** One rule as JSON text. */
    public FraudRule parse(String json) throws RuleRejectedException {
        if (json.length() > MAX_JSON_CHARS) {
            throw new RuleRejectedException(Category.MALFORMED, null, 0,
                    "the rule is " + json.length() + " characters long; at most " + MAX_JSON_CHARS + " are allowed");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RuleRejectedException(Category.MALFORMED, null, 0, "not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw new RuleRejectedException(Category.MALFORMED, null, 0, "the rule is empty; expected one JSON object");
        }
        return compile(root);
    }

    /** One rule as a parsed JSON tree (the default rules file holds an array of them). */
    FraudRule compile(JsonNode root) throws RuleRejectedException {
        if (!root.isObject()) {
            throw new RuleRejectedException(Category.MALFORMED, null, 0,
                    "a rule is one JSON object, not " + describe(root));
        }
        return new Compilation(root).rule();
    }

    /** The compilation of one rule; carries the id and version for the messages. */
    private static final class Compilation {
        private final JsonNode root;
        @Nullable private final String id;
        private final int version;
        private final Set<Feature> features = EnumSet.noneOf(Feature.class);
        private int comparisons;

        Compilation(JsonNode root) {
            this.root = root;
            JsonNode idNode = root.get("id");
            this.id = idNode != null && idNode.isTextual() ? validId(idNode.textValue()) : null;
            JsonNode versionNode = root.get("version");
            this.version = versionNode != null && versionNode.isIntegralNumber() && versionNode.canConvertToInt()
                    && versionNode.intValue() >= 1 ? versionNode.intValue() : 0;
        }

        FraudRule rule() throws RuleRejectedException {
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw reject(Category.BAD_FIELD, unknownFields(unknown, "", FIELDS)
                        + "; a rule has " + String.join(", ", FIELDS));
            }

            String idText = requiredText("id");
            if (id == null) {
                throw reject(Category.BAD_VALUE, "id '" + shorten(idText) + "' is not allowed: 1 to 64 characters,"
                        + " lower-case letters, digits and '-', not starting with '-'");
            }
            JsonNode versionNode = required("version");
            if (version == 0) {
                throw reject(Category.BAD_VALUE, "version must be a whole number from 1 to " + Integer.MAX_VALUE
                        + ", not " + describe(versionNode));
            }
            String stateText = requiredText("state");
            RuleState state = enumValue(RuleState.class, stateText);
            if (state == null) {
                throw reject(Category.BAD_VALUE, "state '" + shorten(stateText) + "' is not one of ACTIVE, SHADOW, DISABLED");
            }
            String description = "";
            if (root.has("description")) {
                description = requiredText("description");
                if (description.length() > MAX_DESCRIPTION_CHARS) {
                    throw reject(Category.BAD_VALUE, "description is " + description.length()
                            + " characters long; at most " + MAX_DESCRIPTION_CHARS + " are allowed");
                }
            }

            JsonNode pointsNode = root.get("points");
            JsonNode decisionNode = root.get("decision");
            if (pointsNode != null && decisionNode != null) {
                throw reject(Category.BAD_OUTCOME, "a rule has either points or a decision, not both");
            }
            if (pointsNode == null && decisionNode == null) {
                throw reject(Category.BAD_OUTCOME,
                        "a rule needs points (0 to " + MAX_POINTS + ") or a decision (REVIEW or DECLINE)");
            }
            int points = 0;
            Decision forced = null;
            if (pointsNode != null) {
                if (!pointsNode.isIntegralNumber() || !pointsNode.canConvertToInt()
                        || pointsNode.intValue() < 0 || pointsNode.intValue() > MAX_POINTS) {
                    throw reject(Category.BAD_OUTCOME, "points must be a whole number from 0 to " + MAX_POINTS
                            + ", not " + describe(pointsNode));
                }
                points = pointsNode.intValue();
            } else {
                String decisionText = requiredText("decision");
                forced = enumValue(Decision.class, decisionText);
                if (forced == Decision.APPROVE) {
                    throw reject(Category.BAD_OUTCOME,
                            "decision APPROVE cannot be forced: rules only make a decision stricter; use REVIEW or DECLINE");
                }
                if (forced == null) {
                    throw reject(Category.BAD_OUTCOME, "decision '" + shorten(decisionText)
                            + "' is not one of REVIEW, DECLINE");
                }
            }

            String reason = id.toUpperCase(Locale.ROOT).replace('-', '_');
            if (root.has("reason")) {
                reason = requiredText("reason");
                if (!REASON_CODE.matcher(reason).matches()) {
                    throw reject(Category.BAD_VALUE, "reason '" + shorten(reason)
                            + "' is not allowed: 1 to 64 characters, upper-case letters, digits and '_'");
                }
            }

            JsonNode when = required("when");
            ObjectNode canonicalWhen = NODES.objectNode();
            Condition condition = condition(when, "when", 1, canonicalWhen);

            ObjectNode canonical = NODES.objectNode();
            canonical.put("id", id);
            canonical.put("version", version);
            canonical.put("state", state.name());
            canonical.put("description", description);
            canonical.set("when", canonicalWhen);
            if (forced != null) {
                canonical.put("decision", forced.name());
            } else {
                canonical.put("points", points);
            }
            canonical.put("reason", reason);
            String canonicalJson;
            try {
                canonicalJson = MAPPER.writeValueAsString(canonical);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a JSON tree", e);
            }
            return new FraudRule(id, version, state, description, condition, points, forced, reason, features,
                    comparisons, canonicalJson);
        }

        private Condition condition(JsonNode node, String path, int depth, ObjectNode canonical)
                throws RuleRejectedException {
            if (depth > MAX_DEPTH) {
                throw reject(Category.LIMIT, path + ": the condition nests deeper than " + MAX_DEPTH + " levels");
            }
            if (!node.isObject()) {
                throw reject(Category.BAD_FIELD, path + " must be a condition object ({\"feature\", \"op\", \"value\"},"
                        + " {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}), not " + describe(node));
            }
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            String combinator = names.stream().filter(COMBINATORS::contains).findFirst().orElse(null);
            if (combinator != null) {
                if (names.size() != 1) {
                    throw reject(Category.BAD_FIELD, path + " has " + names.stream().map(n -> "'" + shorten(n) + "'")
                            .collect(Collectors.joining(", ")) + "; a condition with '" + combinator
                            + "' must have no other field");
                }
                JsonNode inner = node.get(combinator);
                String innerPath = path + "." + combinator;
                if (combinator.equals("not")) {
                    ObjectNode canonicalInner = NODES.objectNode();
                    canonical.set("not", canonicalInner);
                    return new Condition.Not(condition(inner, innerPath, depth + 1, canonicalInner));
                }
                if (!inner.isArray() || inner.isEmpty()) {
                    throw reject(Category.BAD_FIELD, innerPath + " must be a non-empty list of conditions, not "
                            + describe(inner));
                }
                ArrayNode canonicalList = canonical.putArray(combinator);
                Condition[] parts = new Condition[inner.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = condition(inner.get(i), innerPath + "[" + i + "]", depth + 1, canonicalList.addObject());
                }
                return combinator.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
            }
            List<String> unknown = names.stream().filter(n -> !COMPARISON_FIELDS.contains(n)).toList();
            if (!unknown.isEmpty()) {
                List<String> allowed = new ArrayList<>(COMPARISON_FIELDS);
                allowed.addAll(COMBINATORS);
                throw reject(Category.BAD_FIELD, unknownFields(unknown, path + ".", allowed)
                        + "; a condition is {\"feature\", \"op\", \"value\"} or one of all, any, not");
            }
            List<String> missing = COMPARISON_FIELDS.stream().filter(n -> !names.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw reject(Category.BAD_FIELD, path + " is a comparison without " + String.join(", ", missing)
                        + "; a comparison has feature, op and value");
            }
            if (++comparisons > MAX_COMPARISONS) {
                throw reject(Category.LIMIT, path + ": the condition has more than " + MAX_COMPARISONS + " comparisons");
            }
            return comparison(node, path, canonical);
        }

        private Condition comparison(JsonNode node, String path, ObjectNode canonical) throws RuleRejectedException {
            JsonNode featureNode = node.get("feature");
            if (!featureNode.isTextual()) {
                throw reject(Category.BAD_FIELD, path + ".feature must be a feature name, not " + describe(featureNode));
            }
            Feature feature = Feature.byName(featureNode.textValue());
            if (feature == null) {
                String name = featureNode.textValue();
                String suggestion = closest(name, Arrays.stream(Feature.values()).map(Feature::featureName).toList());
                throw reject(Category.UNKNOWN_FEATURE, path + ".feature: unknown feature '" + shorten(name) + "'"
                        + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                        + "; known features: " + FEATURE_NAMES);
            }
            JsonNode opNode = node.get("op");
            ComparisonOp op = opNode.isTextual() ? ComparisonOp.bySymbol(opNode.textValue()) : null;
            if (op == null) {
                throw reject(Category.BAD_OPERATOR, path + ".op: unknown operator " + describe(opNode)
                        + "; operators are " + OPERATORS);
            }
            if (op.isOrdering() && feature.type() != Feature.Type.NUMBER) {
                throw reject(Category.BAD_OPERATOR, path + ".op: '" + op.symbol() + "' needs a NUMBER feature, but '"
                        + feature.featureName() + "' is " + feature.type() + ", which takes only == and !=");
            }
            JsonNode value = node.get("value");
            features.add(feature);
            canonical.put("feature", feature.featureName());
            canonical.put("op", op.symbol());
            String mismatch = path + ".value: '" + feature.featureName() + "' is a " + feature.type()
                    + " feature, so the value must be a JSON ";
            switch (feature.type()) {
                case NUMBER -> {
                    if (!value.isNumber()) {
                        throw reject(Category.TYPE_MISMATCH, mismatch + "number, not " + describe(value));
                    }
                    ToLongFunction<Feature.Values> whole = NumberReaders.longReader(feature);
                    if (value.isIntegralNumber()) {
                        if (!value.canConvertToLong()) {
                            throw reject(Category.TYPE_MISMATCH, path + ".value: " + describe(value) + " is out of range");
                        }
                        canonical.put("value", value.longValue());
                        if (whole != null) {
                            return new Condition.WholeComparison(feature, whole, op, value.longValue());
                        }
                        return new Condition.DecimalComparison(feature, NumberReaders.doubleReader(feature), op,
                                value.longValue());
                    }
                    double d = value.doubleValue();
                    if (!Double.isFinite(d)) {
                        throw reject(Category.TYPE_MISMATCH, path + ".value: " + describe(value) + " is out of range");
                    }
                    canonical.put("value", d);
                    return new Condition.DecimalComparison(feature, NumberReaders.doubleReader(feature), op, d);
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw reject(Category.TYPE_MISMATCH, mismatch + "true or false, not " + describe(value));
                    }
                    canonical.put("value", value.booleanValue());
                    return new Condition.EqualityComparison(feature, value.booleanValue(), op == ComparisonOp.EQ);
                }
                case STRING -> {
                    if (!value.isTextual()) {
                        throw reject(Category.TYPE_MISMATCH, mismatch + "string, not " + describe(value));
                    }
                    String text = value.textValue();
                    String never = neverMatches(feature, text);
                    if (never != null) {
                        throw reject(Category.TYPE_MISMATCH, path + ".value: '" + feature.featureName()
                                + "' is never " + describe(value) + "; " + never);
                    }
                    canonical.put("value", text);
                    return new Condition.EqualityComparison(feature, text, op == ComparisonOp.EQ);
                }
                default -> throw new IllegalStateException("unknown feature type " + feature.type());
            }
        }

        private JsonNode required(String field) throws RuleRejectedException {
            JsonNode node = root.get(field);
            if (node == null) {
                throw reject(Category.BAD_FIELD, "the rule has no '" + field + "'");
            }
            return node;
        }

        private String requiredText(String field) throws RuleRejectedException {
            JsonNode node = required(field);
            if (!node.isTextual()) {
                throw reject(Category.BAD_FIELD, field + " must be a string, not " + describe(node));
            }
            return node.textValue();
        }

        private RuleRejectedException reject(Category category, String message) {
            return new RuleRejectedException(category, id, version, message);
        }
    }

    /** Why a string value can never equal the feature, or null when it can. */
    @Nullable
    private static String neverMatches(Feature feature, String value) {
        return switch (feature) {
            case PAYMENT_TYPE -> enumValue(PaymentType.class, value) != null
                    ? null
                    : "payment types are " + Arrays.stream(PaymentType.values()).map(Enum::name)
                            .collect(Collectors.joining(", "));
            case PAYMENT_CURRENCY -> CURRENCY.matcher(value).matches()
                    ? null : "currencies are ISO 4217 codes in upper case, like EUR";
            case PAYMENT_CARD_COUNTRY, PAYMENT_MERCHANT_COUNTRY -> COUNTRY.matcher(value).matches()
                    ? null : "countries are ISO 3166-1 alpha-2 codes in upper case, like DE";
            default -> null;
        };
    }

    /** The constant named exactly {@code name}, or null. */
    @Nullable
    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    @Nullable
    private static String validId(@Nullable String id) {
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    private static String unknownFields(List<String> unknown, String prefix, List<String> allowed) {
        StringBuilder b = new StringBuilder(unknown.size() == 1 ? "unknown field " : "unknown fields ");
        for (int i = 0; i < unknown.size(); i++) {
            String name = unknown.get(i);
            b.append(i == 0 ? "" : ", ").append('\'').append(prefix).append(shorten(name)).append('\'');
            String suggestion = closest(name, allowed);
            if (suggestion != null) {
                b.append(" (did you mean '").append(suggestion).append("'?)");
            }
        }
        return b.toString();
    }

    /** The candidate within a small edit distance of {@code name}, or null. */
    @Nullable
    static String closest(String name, List<String> candidates) {
        if (name.length() > 100) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(lower, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, lower.length() / 4) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** A JSON value for a message: its type, and the value itself when short. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "the string \"" + shorten(node.textValue()) + "\"";
            case NUMBER -> "the number " + shorten(node.asText());
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A value quoted in a message, cut to a length that keeps the message readable. */
    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
