package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;

/**
 * The id and version a rule's JSON claims, each kept only when valid (else null and 0). Read before
 * anything is checked, so that every rejection of the rule, even one for a later field, names the
 * rule it refuses.
 */
record RuleIdentity(@Nullable String id, int version) {

    /** What {@code root} claims, leniently: a wrong or missing id or version is left out, not refused. */
    static RuleIdentity claimedBy(JsonNode root) {
        JsonNode idNode = root.get("id");
        String id = idNode != null && idNode.isTextual() ? validId(idNode.textValue()) : null;
        JsonNode versionNode = root.get("version");
        int version = versionNode != null && versionNode.isIntegralNumber() && versionNode.canConvertToInt()
                && versionNode.intValue() >= 1 ? versionNode.intValue() : 0;
        return new RuleIdentity(id, version);
    }

    /** {@code id} when it is a valid rule id ({@link RuleParser#ID}), else null. */
    @Nullable
    static String validId(@Nullable String id) {
        return id != null && RuleParser.ID.matcher(id).matches() ? id : null;
    }

    /** A rejection of this rule. */
    RuleRejectedException reject(Category category, String message) {
        return new RuleRejectedException(category, id, version, message);
    }
}
