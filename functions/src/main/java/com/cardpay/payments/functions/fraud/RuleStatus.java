package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.validation.CardNumberDetector;

import javax.annotation.Nullable;
import java.util.Objects;

/**
 * What became of a rule: the record of {@code payments.fraud-rules.status}.
 *
 * @param ruleId null when the update was too malformed to name its rule
 * @param version 0 when unknown
 * @param rulesVersion the identity of the rule set in force after this update
 * @param source where the update was read; null for a {@link Origin#RESTORE} report
 * @param origin what the status is about
 */
public record RuleStatus(
        @Nullable String ruleId,
        int version,
        boolean accepted,
        String message,
        String rulesVersion,
        @Nullable SourcePosition source,
        Origin origin) {

    /** What a status is about. Only ever appended to: new constants go at the end. */
    public enum Origin {
        /** A record read from {@code payments.fraud-rules}. */
        UPDATE,
        /**
         * A rule kept in the job's state that could not be read back on a (re)start: it was
         * skipped and is not in force.
         */
        RESTORE
    }

    /** Masks any card number in the rule id (it may be the record's key) and the message. */
    public RuleStatus {
        Objects.requireNonNull(origin, "origin");
        ruleId = ruleId == null ? null : CardNumberDetector.mask(ruleId);
        message = CardNumberDetector.mask(Objects.requireNonNull(message, "message"));
        if (origin == Origin.UPDATE) {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The status of an update read from the rules topic. */
    public RuleStatus(@Nullable String ruleId, int version, boolean accepted, String message, String rulesVersion,
            SourcePosition source) {
        this(ruleId, version, accepted, message, rulesVersion, source, Origin.UPDATE);
    }

    /** A stored rule skipped on restore: not accepted, with no record position. */
    public static RuleStatus rejectedOnRestore(String ruleId, int version, String message, String rulesVersion) {
        return new RuleStatus(ruleId, version, false, message, rulesVersion, null, Origin.RESTORE);
    }
}
