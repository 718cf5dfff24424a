package com.cardpay.payments.connectors.contracts.rules;

import com.cardpay.payments.connectors.contracts.JsonRecord;
import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleStatus.Origin;
import com.cardpay.payments.functions.model.SourcePosition;

/**
 * Reads {@code payments.fraud-rules.status} records, as the README asks of every consumer: a
 * record without {@code origin} (written before it existed) is an {@code UPDATE}; a {@code status}
 * other than {@code ACCEPTED}, known or not, is not accepted. An update names its source record; a
 * {@code RESTORE} has none and is always rejected. An {@code origin} this reader does not know makes
 * the record unreadable: it could not say what the status is about.
 */
public final class RuleStatusReader {
    private RuleStatusReader() {}

    public static RuleStatus read(byte[] value) throws UnreadableRecordException {
        JsonRecord r = JsonRecord.read(RuleStatusTopic.NAME, value, RuleStatusTopic.SCHEMA_VERSION);
        Origin origin = r.has("origin") ? r.enumValue("origin", Origin.class) : Origin.UPDATE;
        boolean accepted = r.text("status").equals("ACCEPTED");
        SourcePosition source = r.optionalSource();
        if ((source == null) != (origin == Origin.RESTORE) || (origin == Origin.RESTORE && accepted)) {
            throw r.problem("origin", "UPDATE goes with a source, RESTORE without one and only REJECTED");
        }
        return new RuleStatus(r.optionalText("rule_id"), r.smallInteger("version"), accepted, r.text("message"),
                r.text("rules_version"), source, origin);
    }
}
