package com.cardpay.payments.connectors.contracts.rules;

import static com.cardpay.payments.connectors.contracts.ContractJson.optional;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.fraud.RuleStatus;

/** Writes {@code payments.fraud-rules.status} records: what became of one rule update, or of a stored rule on restore. */
public final class RuleStatusJson {
    private RuleStatusJson() {}

    public static byte[] write(RuleStatus s) {
        return ContractJson.write(g -> {
            g.writeNumberField("schema_version", RuleStatusTopic.SCHEMA_VERSION);
            optional(g, "rule_id", s.ruleId());
            g.writeNumberField("version", s.version());
            g.writeStringField("status", s.accepted() ? "ACCEPTED" : "REJECTED");
            g.writeStringField("origin", s.origin().name());
            g.writeStringField("message", s.message());
            g.writeStringField("rules_version", s.rulesVersion());
            if (s.source() != null) {
                ContractJson.source(g, s.source());
            }
        });
    }
}
