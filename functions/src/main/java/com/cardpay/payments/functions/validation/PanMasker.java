package com.cardpay.payments.functions.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks card data in text that leaves the job: dead letters, error messages, header values.
 *
 * <ul>
 *   <li>{@link #mask}: what {@link CardNumberDetector} finds, masked in place keeping the last four,
 *       in the detector's normalised view (escapes decoded, Unicode digits folded, any separators).
 *   <li>{@link #maskPayload}: for a raw record kept in the DLQ; on top of {@link #mask}, the whole
 *       value of every {@code "pan"} and {@code "expiry"} field is masked, whatever its length and
 *       however its name is escaped (<code>"p&#92;u0061n"</code>), so that a PAN cut short by a truncated
 *       record, or an expiry, never shows.
 * </ul>
 */
public final class PanMasker {
    // The value of a "pan" or "expiry" field in the decoded view: a string (possibly cut off before
    // its closing quote), a bare number, or an array of either (a PAN given as groups).
    // The string body is written unrolled, [^"\\]*+(?:\\.[^"\\]*+)*+, rather than as
    // (?:[^"\\]|\\.)*: same strings, but it recurses once per escape instead of once per character,
    // so a long card field cannot overflow the stack.
    private static final Pattern CARD_FIELD = Pattern.compile(
            "(\"(?:pan|expiry)\"\\s*:\\s*)(\\[[^\\]]*+\\]?|\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"?|[0-9][0-9.eE+ /-]*)");

    private PanMasker() {}

    public static String mask(String text) {
        return CardNumberDetector.mask(text);
    }

    /** Masks a raw payment record for the DLQ: card fields entirely, then any card data. */
    public static String maskPayload(String payload) {
        NormalizedText view = NormalizedText.of(payload);
        boolean[] masked = new boolean[view.length()];
        String decoded = view.decoded();
        Matcher m = CARD_FIELD.matcher(decoded);
        // A match can only start at a literal "pan" or "expiry": jump there with indexOf and match
        // anchored (lookingAt), the same matches as find() but without trying the pattern at every
        // character, which made this regex the job's top regex cost (issue 16's profile).
        int from = 0;
        for (int at = nextCardFieldName(decoded, from); at >= 0; at = nextCardFieldName(decoded, from)) {
            m.region(at, decoded.length());
            if (!m.lookingAt()) {
                from = at + 1;
                continue;
            }
            int start = m.start(2);
            int end = m.end(2);
            for (int i = start; i < end; i++) {
                char c = view.charAt(i);
                boolean bound = (c == '"' && (i == start || i == end - 1)) || ((c == '[' || c == ']')
                        && decoded.charAt(start) == '[' && (i == start || i == end - 1));
                masked[i] = !bound;
            }
            from = m.end();
        }
        CardNumberDetector.markCardData(view, masked);
        return view.render(masked);
    }

    private static int nextCardFieldName(String decoded, int from) {
        int pan = decoded.indexOf("\"pan\"", from);
        int expiry = decoded.indexOf("\"expiry\"", from);
        return pan < 0 ? expiry : expiry < 0 ? pan : Math.min(pan, expiry);
    }
}
