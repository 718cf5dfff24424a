package com.cardpay.payments.functions.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one card-number detector of the job: validation (ids and free text), header mapping and DLQ
 * masking all use it, and the tests' own scans of outputs, logs and state use it too.
 *
 * <p>It works on a normalised view of the text ({@link NormalizedText}): JSON escapes decoded
 * (<code>&#92;u0034</code>, <code>&#92;uFF11</code>, {@code \/}), every Unicode decimal digit folded to ASCII. In that
 * view, a <em>digit chain</em> is a sequence of digit groups joined by runs of separators, a
 * separator being any character that is neither a letter nor a digit (spaces of any kind, tabs,
 * no-break spaces, dots, dashes, slashes, commas, colons, underscores, quotes, NULs of a UTF-16
 * text decoded as UTF-8...). So {@code 4111_1111_1111_1111}, {@code 5555,5555,5555,4444},
 * {@code "4111","1111","1111","1111"} and {@code 4111  1111  1111  1111} are each one chain.
 *
 * <p>A <em>card number</em> is a run of whole consecutive groups of a chain, 12 to 19 digits in
 * all, that passes the Luhn check. Every group of a chain may start one, so a PAN is found when
 * an expiry or a CVV follows it ({@code 4111111111111111 12/28}, {@code 4111 1111 1111 1111 737})
 * or a reference precedes it. Groups are never split: a 30-digit id is not searched for 12-digit
 * windows, of which about one in ten passes Luhn by chance.
 */
public final class CardNumberDetector {
    public static final int MIN_DIGITS = 12;
    public static final int MAX_DIGITS = 19;
    static final int KEEP_LAST = 4;

    private CardNumberDetector() {}

    /** True if the text holds a card number as defined above. */
    public static boolean containsCardNumber(CharSequence text) {
        if (!mayHoldCardNumber(text)) {
            return false;
        }
        return scanChains(NormalizedText.of(text), null, false);
    }

    /**
     * The text with card data masked in place: in every digit chain of {@link #MIN_DIGITS} digits or
     * more, every digit becomes {@code *} except the last four of the card number found in it (or
     * of the chain, when none passes Luhn: a mistyped PAN is still card data). Digits that stay are
     * written as ASCII digits; every other character, escapes included, is kept as written.
     */
    public static String mask(String text) {
        if (!mayHoldCardNumber(text)) {
            return text;
        }
        NormalizedText view = NormalizedText.of(text);
        boolean[] masked = new boolean[view.length()];
        if (!scanChains(view, masked, true)) {
            return view.hasFoldedDigits() ? view.render(masked) : text;
        }
        return view.render(masked);
    }

    /**
     * The digits of every digit chain of the text, each chain's digits run together: what a card
     * number could be hidden in, under the detector's normalisation. For containment tests: a
     * card number leaked however it was written shows up inside one of these.
     */
    public static List<String> digitChains(CharSequence text) {
        NormalizedText view = NormalizedText.of(text);
        List<String> chains = new ArrayList<>();
        walkChains(view, (groupStart, groupEnd, groups, digits) -> {
            StringBuilder chain = new StringBuilder(digits);
            for (int g = 0; g < groups; g++) {
                for (int p = groupStart[g]; p < groupEnd[g]; p++) {
                    chain.append(view.charAt(p));
                }
            }
            chains.add(chain.toString());
            return true;
        });
        return chains;
    }

    /** Marks, in {@code masked}, the digits of {@code view} that {@link #mask} would mask. */
    static void markCardData(NormalizedText view, boolean[] masked) {
        scanChains(view, masked, true);
    }

    /**
     * Checks every digit chain of the view. With {@code masked}, marks the digits to mask and returns
     * whether anything was marked; without, returns at the first card number found.
     */
    private static boolean scanChains(NormalizedText view, boolean[] masked, boolean mark) {
        boolean[] any = {false};
        walkChains(view, (groupStart, groupEnd, groups, digits) -> {
            if (digits < MIN_DIGITS) {
                return true;
            }
            int cardEnd = lastCardNumberEnd(view, groupStart, groupEnd, groups);
            if (!mark) {
                any[0] = cardEnd >= 0;
                return !any[0];
            }
            markChain(groupStart, groupEnd, groups, cardEnd >= 0 ? cardEnd : groupEnd[groups - 1], masked);
            any[0] = true;
            return true;
        });
        return any[0];
    }

    /** One digit chain: its groups' bounds in the view; returns whether to go on. */
    private interface ChainVisitor {
        boolean visit(int[] groupStart, int[] groupEnd, int groups, int digits);
    }

    /** Visits every digit chain: groups of digits separated by runs of non-alphanumerics. */
    private static void walkChains(NormalizedText view, ChainVisitor visitor) {
        int n = view.length();
        int[] groupStart = new int[8];
        int[] groupEnd = new int[8];
        int i = 0;
        while (i < n) {
            if (!view.isDigit(i)) {
                i++;
                continue;
            }
            int groups = 0;
            int digits = 0;
            int j = i;
            while (true) {
                int start = j;
                while (j < n && view.isDigit(j)) {
                    j++;
                }
                if (groups == groupStart.length) {
                    groupStart = Arrays.copyOf(groupStart, groups * 2);
                    groupEnd = Arrays.copyOf(groupEnd, groups * 2);
                }
                groupStart[groups] = start;
                groupEnd[groups] = j;
                groups++;
                digits += j - start;
                int k = j;
                while (k < n && view.isSeparator(k)) {
                    k++;
                }
                if (k < n && k > j && view.isDigit(k)) {
                    j = k;
                } else {
                    break;
                }
            }
            if (!visitor.visit(groupStart, groupEnd, groups, digits)) {
                return;
            }
            i = j;
        }
    }

    /**
     * The end (exclusive, in the view) of the last card number in the chain, or -1: for each group
     * that may start one, the whole-group runs of 12 to 19 digits are Luhn-checked.
     */
    private static int lastCardNumberEnd(NormalizedText view, int[] groupStart, int[] groupEnd, int groups) {
        int found = -1;
        StringBuilder candidate = new StringBuilder(MAX_DIGITS);
        for (int first = 0; first < groups; first++) {
            candidate.setLength(0);
            for (int last = first; last < groups; last++) {
                int length = groupEnd[last] - groupStart[last];
                if (candidate.length() + length > MAX_DIGITS) {
                    break;
                }
                for (int p = groupStart[last]; p < groupEnd[last]; p++) {
                    candidate.append(view.charAt(p));
                }
                if (candidate.length() >= MIN_DIGITS && Luhn.isValid(candidate)) {
                    found = Math.max(found, groupEnd[last]);
                }
            }
        }
        return found;
    }

    /** Marks every digit of the chain, but the last four before {@code keepBefore}. */
    private static void markChain(int[] groupStart, int[] groupEnd, int groups, int keepBefore, boolean[] masked) {
        int kept = 0;
        for (int g = groups - 1; g >= 0; g--) {
            for (int p = groupEnd[g] - 1; p >= groupStart[g]; p--) {
                if (p < keepBefore && kept < KEEP_LAST) {
                    kept++;
                } else {
                    masked[p] = true;
                }
            }
        }
    }

    /**
     * Cheap pre-check: a card number needs at least 12 characters that may be digits (ASCII digits,
     * escapes, or non-ASCII characters, which may be Unicode digits).
     */
    static boolean mayHoldCardNumber(CharSequence text) {
        int possible = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '\\' || c > 127) {
                if (++possible >= MIN_DIGITS) {
                    return true;
                }
            }
        }
        return false;
    }
}
