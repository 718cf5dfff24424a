package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleMessages.describe;
import static com.cardpay.payments.functions.fraud.rules.RuleMessages.shorten;
import static com.cardpay.payments.functions.fraud.rules.RuleParser.MAX_DESCRIPTION_CHARS;
import static com.cardpay.payments.functions.fraud.rules.RuleParser.MAX_JSON_CHARS;
import static com.cardpay.payments.functions.fraud.rules.RuleParser.MAX_POINTS;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The parse step: one rule's JSON, as text or as a tree, to a checked {@link RuleDefinition}. Every
 * rejection of a rule's content happens here; nothing is compiled. The rule's {@code when} is left
 * to {@link ConditionParser}.
 *
 * <p>The checks run in a fixed order (size, JSON syntax, unknown fields, id, version, state,
 * description, outcome, reason, when) and the first failure is the one reported: a rule with two
 * faults is refused for the first, so the order is part of the behaviour.
 */
final class RuleDefinitionParser {
    private static final List<String> FIELDS =
            List.of("id", "version", "state", "description", "when", "points", "decision", "reason");

    // No source text in error locations: a rejection must not quote the record beyond one value.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final JsonNode root;
    private final RuleIdentity identity;

    private RuleDefinitionParser(JsonNode root) {
        this.root = root;
        this.identity = RuleIdentity.claimedBy(root);
    }

    /** One rule as JSON text. */
    static RuleDefinition parse(String json) throws RuleRejectedException {
        return parse(readTree(json));
    }

    /** One rule as a JSON tree (the default rules file holds an array of them). */
    static RuleDefinition parse(JsonNode root) throws RuleRejectedException {
        if (!root.isObject()) {
            throw new RuleRejectedException(Category.MALFORMED, null, 0,
                    "a rule is one JSON object, not " + describe(root));
        }
        return new RuleDefinitionParser(root).definition();
    }

    private static JsonNode readTree(String json) throws RuleRejectedException {
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
        return root;
    }

    private RuleDefinition definition() throws RuleRejectedException {
        rejectUnknownFields();
        String id = id();
        int version = version();
        RuleState state = state();
        String description = description();
        requireOneOutcome();
        boolean scored = root.has("points");
        int points = scored ? points() : 0;
        Decision forcedDecision = scored ? null : forcedDecision();
        String reasonCode = reasonCode(id);
        ConditionDefinition when = new ConditionParser(identity).when(required("when"));
        return new RuleDefinition(id, version, state, description, when, points, forcedDecision, reasonCode);
    }

    private void rejectUnknownFields() throws RuleRejectedException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw identity.reject(Category.BAD_FIELD, RuleMessages.unknownFields(unknown, "", FIELDS)
                    + "; a rule has " + String.join(", ", FIELDS));
        }
    }

    private String id() throws RuleRejectedException {
        String text = requiredText("id");
        if (identity.id() == null) {
            throw identity.reject(Category.BAD_VALUE, "id '" + shorten(text) + "' is not allowed: 1 to 64 characters,"
                    + " lower-case letters, digits and '-', not starting with '-'");
        }
        return identity.id();
    }

    private int version() throws RuleRejectedException {
        JsonNode node = required("version");
        if (identity.version() == 0) {
            throw identity.reject(Category.BAD_VALUE, "version must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", not " + describe(node));
        }
        return identity.version();
    }

    private RuleState state() throws RuleRejectedException {
        String text = requiredText("state");
        RuleState state = constantNamed(RuleState.class, text);
        if (state == null) {
            throw identity.reject(Category.BAD_VALUE, "state '" + shorten(text) + "' is not one of ACTIVE, SHADOW, DISABLED");
        }
        return state;
    }

    private String description() throws RuleRejectedException {
        if (!root.has("description")) {
            return "";
        }
        String description = requiredText("description");
        if (description.length() > MAX_DESCRIPTION_CHARS) {
            throw identity.reject(Category.BAD_VALUE, "description is " + description.length()
                    + " characters long; at most " + MAX_DESCRIPTION_CHARS + " are allowed");
        }
        return description;
    }

    private void requireOneOutcome() throws RuleRejectedException {
        boolean points = root.has("points");
        boolean decision = root.has("decision");
        if (points && decision) {
            throw identity.reject(Category.BAD_OUTCOME, "a rule has either points or a decision, not both");
        }
        if (!points && !decision) {
            throw identity.reject(Category.BAD_OUTCOME,
                    "a rule needs points (0 to " + MAX_POINTS + ") or a decision (REVIEW or DECLINE)");
        }
    }

    private int points() throws RuleRejectedException {
        JsonNode node = root.get("points");
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > MAX_POINTS) {
            throw identity.reject(Category.BAD_OUTCOME, "points must be a whole number from 0 to " + MAX_POINTS
                    + ", not " + describe(node));
        }
        return node.intValue();
    }

    private Decision forcedDecision() throws RuleRejectedException {
        String text = requiredText("decision");
        Decision decision = constantNamed(Decision.class, text);
        if (decision == Decision.APPROVE) {
            throw identity.reject(Category.BAD_OUTCOME,
                    "decision APPROVE cannot be forced: rules only make a decision stricter; use REVIEW or DECLINE");
        }
        if (decision == null) {
            throw identity.reject(Category.BAD_OUTCOME, "decision '" + shorten(text) + "' is not one of REVIEW, DECLINE");
        }
        return decision;
    }

    /** The explicit reason, or one made from the id: {@code velocity-burst} gives {@code VELOCITY_BURST}. */
    private String reasonCode(String id) throws RuleRejectedException {
        if (!root.has("reason")) {
            return id.toUpperCase(Locale.ROOT).replace('-', '_');
        }
        String reason = requiredText("reason");
        if (!RuleParser.REASON_CODE.matcher(reason).matches()) {
            throw identity.reject(Category.BAD_VALUE, "reason '" + shorten(reason)
                    + "' is not allowed: 1 to 64 characters, upper-case letters, digits and '_'");
        }
        return reason;
    }

    private JsonNode required(String field) throws RuleRejectedException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw identity.reject(Category.BAD_FIELD, "the rule has no '" + field + "'");
        }
        return node;
    }

    private String requiredText(String field) throws RuleRejectedException {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw identity.reject(Category.BAD_FIELD, field + " must be a string, not " + describe(node));
        }
        return node.textValue();
    }

    /** The constant named exactly {@code name}, or null (where {@code Enum.valueOf} would throw). */
    @Nullable
    private static <E extends Enum<E>> E constantNamed(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
