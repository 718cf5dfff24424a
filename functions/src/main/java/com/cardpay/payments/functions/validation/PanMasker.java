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
    // Digit runs ([0-9](?:[ ./-]?[0-9]){11,}) are found by a scanner, findDigitRun: as a regex, the
    // repeated group recursed once per digit, and a run of a few thousand digits in a rejected
    // record threw StackOverflowError on a task thread, failing the job on every restart.
    private static final Pattern ESCAPED_DIGIT = Pattern.compile("\\\\u003([0-9])", Pattern.CASE_INSENSITIVE);
    // The value of a "pan" or "expiry" field: a string (possibly cut off before its closing quote)
    // or a bare number.
    // The string body is written unrolled, [^"\\]*+(?:\\.[^"\\]*+)*+, rather than as
    // (?:[^"\\]|\\.)*: same strings, but it recurses once per escape instead of once per character,
    // so a long card field cannot overflow the stack either.
    private static final Pattern CARD_FIELD = Pattern.compile(
            "(\"(?:pan|expiry)\"\\s*:\\s*)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"?|[0-9][0-9.eE+ /-]*)");

    private PanMasker() {}

    public static String mask(String text) {
        String normalized = normalizeDigits(text);
        long run = findDigitRun(normalized, 0);
        if (run < 0) {
            return normalized;
        }
        StringBuilder out = new StringBuilder(normalized.length());
        int last = 0;
        do {
            int start = (int) (run >>> 32);
            int end = (int) run;
            out.append(normalized, last, start);
            maskRun(normalized, start, end, out);
            last = end;
            run = findDigitRun(normalized, end);
        } while (run >= 0);
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
        String normalized = normalizeDigits(text);
        for (long run = findDigitRun(normalized, 0); run >= 0; run = findDigitRun(normalized, (int) run)) {
            String digits = normalized.substring((int) (run >>> 32), (int) run).replaceAll("[^0-9]", "");
            if (digits.length() <= 19 && Luhn.isValid(digits)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next digit run at or after {@code from}, as {@code start << 32 | end}, or -1: what
     * {@code Matcher.find} gives for {@code [0-9](?:[ ./-]?[0-9]){11,}}. A run is a digit followed
     * by digits, each optionally after one separator, taken as far as it goes; it counts when it
     * has at least {@link #MIN_DIGITS} digits. A shorter run holds no longer one, so the search
     * goes on after it.
     */
    static long findDigitRun(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            if (!isAsciiDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            int digits = 1;
            while (true) {
                if (end < n && isAsciiDigit(text.charAt(end))) {
                    end++;
                } else if (end + 1 < n && isSeparator(text.charAt(end)) && isAsciiDigit(text.charAt(end + 1))) {
                    end += 2;
                } else {
                    break;
                }
                digits++;
            }
            if (digits >= MIN_DIGITS) {
                return ((long) i << 32) | end;
            }
            i = end;
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '/' || c == '-';
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
