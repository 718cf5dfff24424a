package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.validation.CardNumberDetector;

import javax.annotation.Nullable;

/**
 * A rule update that was not accepted. The message says what is wrong, for the
 * {@code payments.fraud-rules.status} topic; it never quotes more of the record than the offending
 * value, and a card number in it (a rule is typed by a person: an id, a field name or a parser's
 * quote of the text can hold one pasted by mistake) is masked by the one card-number detector.
 */
public final class RuleRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a rule was rejected, for metrics and tests; the message has the detail. */
    public enum Category {
        /** Not JSON, not one object, duplicate fields, over the size limit, or a tombstone. */
        MALFORMED,
        /** A field the language does not know, or a required field missing, or a wrong JSON type. */
        BAD_FIELD,
        /** An id, version, state, reason or description that breaks its rule. */
        BAD_VALUE,
        /** A comparison on a feature that does not exist. */
        UNKNOWN_FEATURE,
        /** An operator that does not exist, or that does not apply to the feature's type. */
        BAD_OPERATOR,
        /** A comparison value whose JSON type does not match the feature's type, or is out of range. */
        TYPE_MISMATCH,
        /** Both or neither of points and decision, points out of range, or an unknown decision. */
        BAD_OUTCOME,
        /** The condition is too deep or has too many comparisons. */
        LIMIT,
        /** The record's key is not the rule's id. */
        KEY_MISMATCH,
        /** The version is not newer than the one in force. */
        VERSION
    }

    private final Category category;
    @Nullable private final String ruleId;
    private final int version;

    public RuleRejectedException(Category category, @Nullable String ruleId, int version, String message) {
        super(CardNumberDetector.mask(message));
        this.category = category;
        this.ruleId = ruleId == null ? null : CardNumberDetector.mask(ruleId);
        this.version = version;
    }

    public Category category() {
        return category;
    }

    /** The rule's id when the update named a valid one, else null. */
    @Nullable
    public String ruleId() {
        return ruleId;
    }

    /** The update's version when it had a valid one, else 0. */
    public int version() {
        return version;
    }
}
