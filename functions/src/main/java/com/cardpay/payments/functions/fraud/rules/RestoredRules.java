package com.cardpay.payments.functions.fraud.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules in force after a (re)start: the defaults shipped in the jar, overlaid by the rules kept
 * in broadcast state.
 *
 * <p>Every stored rule was accepted once, but by the parser of the job version that stored it. A
 * newer, stricter parser may reject it (a feature or operator taken out of the language, a tighter
 * limit). Failing on it would fail every restore, with no way out but editing state, so such a
 * rule is skipped instead and listed in {@link #skipped}. Where it overrode a default rule, the
 * default is in force again; otherwise no rule with its id is.
 *
 * @param skipped the stored rules that were not restored, by id
 */
public record RestoredRules(RuleBook book, List<Skipped> skipped) {
    /** Longest {@link Skipped#message}: the parser's message is cut to fit. */
    public static final int MAX_MESSAGE_CHARS = 300;

    /**
     * A stored rule that was not restored.
     *
     * @param message why, and what is in force instead; never quotes the stored rule beyond what
     *     the parser's message quotes (at most the offending value, cut short)
     */
    public record Skipped(String ruleId, int version, String message) {}

    public RestoredRules {
        skipped = List.copyOf(skipped);
    }

    public static RestoredRules from(Iterable<StoredRule> stored, RuleParser parser) {
        RuleBook rules = RuleBook.withDefaults();
        List<StoredRule> rejected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (StoredRule entry : stored) {
            FraudRule rule;
            try {
                rule = parser.parse(entry);
            } catch (RuleRejectedException e) {
                rejected.add(entry);
                reasons.add(e.getMessage());
                continue;
            }
            try {
                rules = rules.apply(rule);
            } catch (RuleRejectedException sameAsDefaultOrOlder) {
                // The stored update is the default itself, or older than the default in this jar.
            }
        }
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < rejected.size(); i++) {
            StoredRule entry = rejected.get(i);
            skipped.add(new Skipped(entry.id(), entry.version(), message(entry, reasons.get(i), rules)));
        }
        skipped.sort(Comparator.comparing(Skipped::ruleId));
        return new RestoredRules(rules, skipped);
    }

    private static String message(StoredRule entry, String reason, RuleBook inForce) {
        String instead = inForce.rule(entry.id())
                .map(r -> "; " + r.id() + " v" + r.version() + " is in force instead")
                .orElse("; no rule " + entry.id() + " is in force");
        String prefix = "v" + entry.version() + " kept in state was not restored (this job version rejects it): ";
        int room = MAX_MESSAGE_CHARS - prefix.length() - instead.length();
        String cut = reason;
        int hint = cut.indexOf("; ");
        if (cut.length() > room && hint > 0) {
            cut = cut.substring(0, hint); // drops a long hint such as the list of known features
        }
        if (cut.length() > room) {
            cut = cut.substring(0, room - 1) + "…";
        }
        return prefix + cut + instead;
    }
}
