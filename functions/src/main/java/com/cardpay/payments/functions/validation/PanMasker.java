package com.cardpay.payments.functions.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that could be a card number in free text.
 *
 * <ul>
 *   <li>{@link #mask}: every run of 12 or more digits, also when grouped by single spaces, dashes,
 *       dots or slashes ({@code 4111 1111 1111 1111}); all digits but the last four become {@code *}.
 *       Digits are normalised first: JSON escapes such as {@code \u0034} and non-ASCII decimal
 *       digits (full-width, Arabic-Indic, ...) count as digits.
 *   <li>{@link #maskPayload}: for a raw record kept in the DLQ; on top of {@link #mask}, the whole
 *       value of every {@code "pan"} and {@code "expiry"} field is masked, whatever its length, so
 *       that a PAN cut short by a truncated record, or an expiry, never shows.
 * </ul>
 */
public final class PanMasker {
    static final int MIN_DIGITS = 12;
    private static final int KEEP_LAST = 4;
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9](?:[ ./-]?[0-9]){" + (MIN_DIGITS - 1) + ",}");
    private static final Pattern ESCAPED_DIGIT = Pattern.compile("\\\\u003([0-9])", Pattern.CASE_INSENSITIVE);
    // The value of a "pan" or "expiry" field: a string (possibly cut off before its closing quote)
    // or a bare number.
    private static final Pattern CARD_FIELD = Pattern.compile(
            "(\"(?:pan|expiry)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[0-9][0-9.eE+ /-]*)");

    private PanMasker() {}

    public static String mask(String text) {
        String normalized = normalizeDigits(text);
        Matcher m = DIGIT_RUN.matcher(normalized);
        if (!m.find()) {
            return normalized;
        }
        StringBuilder out = new StringBuilder(normalized.length());
        int last = 0;
        do {
            out.append(normalized, last, m.start());
            maskRun(normalized, m.start(), m.end(), out);
            last = m.end();
        } while (m.find());
        out.append(normalized, last, normalized.length());
        return out.toString();
    }

    /** Masks a raw payment record for the DLQ: card fields entirely, then any card-like digit run. */
    public static String maskPayload(String payload) {
        Matcher m = CARD_FIELD.matcher(normalizeDigits(payload));
        StringBuilder out = new StringBuilder(payload.length());
        while (m.find()) {
            String value = m.group(2);
            StringBuilder masked = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                masked.append(c == '"' && (i == 0 || i == value.length() - 1) ? c : '*');
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked));
        }
        m.appendTail(out);
        return mask(out.toString());
    }

    /**
     * True if the text holds a card number: a maximal run of 12 to 19 digits (grouping allowed, as
     * in {@link #mask}) that passes the Luhn check. Runs are not searched for embedded numbers:
     * about one in ten 12-digit windows passes Luhn by chance.
     */
    public static boolean containsCardNumber(String text) {
        Matcher m = DIGIT_RUN.matcher(normalizeDigits(text));
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            if (digits.length() <= 19 && Luhn.isValid(digits)) {
                return true;
            }
        }
        return false;
    }

    /** JSON digit escapes and non-ASCII decimal digits become ASCII digits. */
    static String normalizeDigits(String text) {
        String unescaped = text.indexOf('\\') < 0 ? text : ESCAPED_DIGIT.matcher(text).replaceAll("$1");
        StringBuilder out = null;
        for (int i = 0; i < unescaped.length(); i++) {
            char c = unescaped.charAt(i);
            if (c > 127 && Character.isDigit(c)) {
                if (out == null) {
                    out = new StringBuilder(unescaped);
                }
                out.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return out == null ? unescaped : out.toString();
    }

    private static void maskRun(String text, int start, int end, StringBuilder out) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            if (isAsciiDigit(text.charAt(i))) {
                digits++;
            }
        }
        int toMask = digits - KEEP_LAST;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isAsciiDigit(c) && toMask > 0) {
                out.append('*');
                toMask--;
            } else {
                out.append(c);
            }
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
