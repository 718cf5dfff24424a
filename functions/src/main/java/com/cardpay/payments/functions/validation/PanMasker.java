package com.cardpay.payments.functions.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that could be a card number in free text: every run of 12 or more digits, also
 * when the digits are grouped by single spaces or dashes ({@code 4111 1111 1111 1111}). All digits
 * of such a run but the last four become {@code *}. Used for DLQ payloads, keys and messages.
 */
public final class PanMasker {
    static final int MIN_DIGITS = 12;
    private static final int KEEP_LAST = 4;
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ -]?\\d){" + (MIN_DIGITS - 1) + ",}");

    private PanMasker() {}

    public static String mask(String text) {
        Matcher m = DIGIT_RUN.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start());
            maskRun(text, m.start(), m.end(), out);
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
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
