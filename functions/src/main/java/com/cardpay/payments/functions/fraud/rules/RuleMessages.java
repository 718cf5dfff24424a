package com.cardpay.payments.functions.fraud.rules;

import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Locale;

/**
 * How a rejection message quotes a rule: a JSON value by its type and, when short, itself; long text
 * cut short; and "did you mean" suggestions for misspelt names. A message never quotes more of the
 * rule than the offending value.
 */
final class RuleMessages {
    private RuleMessages() {}

    /** A JSON value for a message: its type, and the value itself when short. */
    static String describe(@Nullable JsonNode node) {
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
    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** "unknown field(s) 'prefix+name' (did you mean '...'?), ..." for fields not in {@code allowed}. */
    static String unknownFields(List<String> unknown, String prefix, List<String> allowed) {
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
}
