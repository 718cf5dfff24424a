package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleMessages.shorten;

import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Parses and compiles fraud rules (see {@code docs/fraud-rules.md} for the language). Stateless and
 * thread-safe; one instance can serve every caller.
 *
 * <p>Strict on purpose, because a typo in a rule silently changes decisions: unknown fields,
 * duplicate fields, trailing data, JSON types that do not match, and string values a feature can
 * never take are all rejected with a message naming the place ({@code when.all[1].not.op}).
 *
 * <p>The public entry point of two steps: {@link RuleDefinitionParser} (JSON to a checked
 * {@link RuleDefinition}; every rejection of a rule's content happens there) and
 * {@link RuleCompiler} (a definition to the executable {@link FraudRule}; never rejects). This class
 * adds only the checks that tie a rule to where it came from: a topic record's key, or a state
 * entry's id and version.
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

    /**
     * A record of {@code payments.fraud-rules}: rejects tombstones, and records whose key is not the
     * rule's id (compaction keeps one record per key, so the two must agree).
     */
    public FraudRule parse(RuleUpdate update) throws RuleRejectedException {
        if (update.json() == null) {
            throw new RuleRejectedException(Category.MALFORMED, RuleIdentity.validId(update.key()), 0,
                    "a tombstone (null value) is not a rule update; to take a rule out, publish it with"
                            + " \"state\": \"DISABLED\" and a higher version");
        }
        RuleDefinition rule = RuleDefinitionParser.parse(update.json());
        if (update.key() == null || !update.key().equals(rule.id())) {
            throw new RuleRejectedException(Category.KEY_MISMATCH, rule.id(), rule.version(),
                    (update.key() == null ? "the record has no key" : "the record key is '" + shorten(update.key()) + "'")
                            + " but the rule's id is '" + rule.id() + "'; the key must be the rule id");
        }
        return RuleCompiler.compile(rule);
    }

    /** A rule as Flink state held it; its id and version must be those of the JSON. */
    public FraudRule parse(StoredRule stored) throws RuleRejectedException {
        RuleDefinition rule = RuleDefinitionParser.parse(stored.json());
        if (!rule.id().equals(stored.id()) || rule.version() != stored.version()) {
            throw new RuleRejectedException(Category.KEY_MISMATCH, rule.id(), rule.version(),
                    "stored as " + stored.id() + " v" + stored.version() + " but the JSON is " + rule.id()
                            + " v" + rule.version());
        }
        return RuleCompiler.compile(rule);
    }

    /** One rule as JSON text. */
    public FraudRule parse(String json) throws RuleRejectedException {
        return RuleCompiler.compile(RuleDefinitionParser.parse(json));
    }

    /**
     * One rule as a parsed JSON tree (the default rules file holds an array of them), parsed and
     * compiled. The name is older than the split into steps; kept so that callers stay unchanged.
     */
    FraudRule compile(JsonNode root) throws RuleRejectedException {
        return RuleCompiler.compile(RuleDefinitionParser.parse(root));
    }
}
