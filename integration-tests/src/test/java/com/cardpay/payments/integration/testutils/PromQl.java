package com.cardpay.payments.integration.testutils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vector selectors of a PromQL expression ({@code name{label="v"}}), found by a small
 * tokenizer: function and aggregation names, keywords, the label lists of {@code by (...)},
 * {@code on (...)} and the like, numbers, strings, durations and ranges are not selectors. Enough
 * for the expressions of our rules and dashboard; an expression it cannot read is an error, never
 * an empty list.
 */
public final class PromQl {
    /** Keywords followed by a parenthesised list of label names, not of selectors. */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
    /** Aggregation operators, which may be followed by {@code by (...)} before their parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQl() {}

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String text;

        Op(String text) {
            this.text = text;
        }
    }

    public record Matcher(String label, Op op, String value) {
        boolean matches(Map<String, String> labels, String metricName) {
            String actual = label.equals("__name__") ? metricName : labels.getOrDefault(label, "");
            return switch (op) {
                case EQ -> actual.equals(value);
                case NE -> !actual.equals(value);
                case RE -> Pattern.compile(value).matcher(actual).matches();
                case NRE -> !Pattern.compile(value).matcher(actual).matches();
            };
        }

        @Override
        public String toString() {
            return label + op.text + '"' + value + '"';
        }
    }

    /** A vector selector: a metric name (null for {@code {__name__=~"..."}}) and its label matchers. */
    public record Selector(String name, List<Matcher> matchers) {
        /** Whether a series with this name and labels is selected. */
        public boolean matches(String metricName, Map<String, String> labels) {
            return (name == null || name.equals(metricName)) && matchers.stream().allMatch(m -> m.matches(labels, metricName));
        }

        @Override
        public String toString() {
            return (name == null ? "" : name) + (matchers.isEmpty() && name != null ? "" : matchers.toString().replace('[', '{').replace(']', '}'));
        }
    }

    public static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') { // a comment runs to the end of the line
                while (i < n && expr.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '{') { // a selector without a name: {__name__=~"..."}
                List<Matcher> matchers = new ArrayList<>();
                i = matchers(expr, i, matchers);
                if (matchers.stream().noneMatch(m -> m.label().equals("__name__"))) {
                    throw new IllegalArgumentException("selector without a metric name in: " + expr);
                }
                out.add(new Selector(null, List.copyOf(matchers)));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.' || expr.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpace(expr, i);
                char after = next < n ? expr.charAt(next) : '\0';
                String lower = word.toLowerCase();
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (after == '(') {
                        i = skipTo(expr, next, ')');
                    }
                } else if (KEYWORDS.contains(lower)) {
                    if (lower.equals("offset")) { // its duration
                        i = next;
                        while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '-')) {
                            i++;
                        }
                    }
                } else if (after == '(' || AGGREGATIONS.contains(lower)) {
                    i = next; // a function or an aggregation; its arguments are read on
                } else {
                    List<Matcher> matchers = new ArrayList<>();
                    if (after == '{') {
                        i = matchers(expr, next, matchers);
                    }
                    out.add(new Selector(word, List.copyOf(matchers)));
                }
            } else if ("()+-*/%^=!<>,".indexOf(c) >= 0) {
                i++;
            } else if (c == '$') { // a Grafana variable such as $__rate_interval: only inside ranges
                throw new IllegalArgumentException("unexpected '$' outside a range in: " + expr);
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in: " + expr);
            }
        }
        return out;
    }

    private static int matchers(String expr, int open, List<Matcher> into) {
        int i = open + 1;
        int n = expr.length();
        while (true) {
            i = skipSpace(expr, i);
            if (i >= n) {
                throw new IllegalArgumentException("unclosed '{' in: " + expr);
            }
            if (expr.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
                i++;
            }
            String label = expr.substring(start, i);
            i = skipSpace(expr, i);
            Op op;
            if (expr.startsWith("=~", i)) {
                op = Op.RE;
            } else if (expr.startsWith("!~", i)) {
                op = Op.NRE;
            } else if (expr.startsWith("!=", i)) {
                op = Op.NE;
            } else if (expr.startsWith("=", i)) {
                op = Op.EQ;
            } else {
                throw new IllegalArgumentException("no matcher operator after '" + label + "' in: " + expr);
            }
            i = skipSpace(expr, i + op.text.length());
            int end = skipString(expr, i);
            String value = expr.substring(i + 1, end - 1).replace("\\\\", "\\").replace("\\\"", "\"");
            into.add(new Matcher(label, op, value));
            i = skipSpace(expr, end);
            if (i < n && expr.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static int skipString(String expr, int start) {
        char quote = expr.charAt(start);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw new IllegalArgumentException("expected a string at " + start + " in: " + expr);
        }
        int i = start + 1;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unclosed string in: " + expr);
    }

    private static int skipTo(String expr, int open, char close) {
        int depth = 0;
        char opening = expr.charAt(open);
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed '" + opening + "' in: " + expr);
    }

    private static int skipSpace(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }
}
