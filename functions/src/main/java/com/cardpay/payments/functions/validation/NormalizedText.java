package com.cardpay.payments.functions.validation;

/**
 * A text as {@link CardNumberDetector} reads it, with the way back to the text as written: JSON
 * escapes (<code>&#92;uXXXX</code>, {@code \/}, {@code \t}, ...) are decoded, except {@code \"} and
 * {@code \\}, which stay as written so that JSON strings keep their bounds; every Unicode decimal digit
 * (full-width, Arabic-Indic, mathematical, ...) is folded to its ASCII digit. Each character of the
 * view remembers the span of the original it came from, so what is found in the view is masked in
 * the original, with everything else kept as written.
 */
final class NormalizedText {
    private final CharSequence original;
    private final char[] chars;
    private final byte[] kinds;
    private final int[] from;
    private final int[] to;
    private final int length;
    private final boolean foldedDigits;

    private static final byte DIGIT = 0;
    private static final byte LETTER = 1;
    private static final byte SEPARATOR = 2;

    private NormalizedText(CharSequence original, char[] chars, byte[] kinds, int[] from, int[] to, int length,
            boolean foldedDigits) {
        this.original = original;
        this.chars = chars;
        this.kinds = kinds;
        this.from = from;
        this.to = to;
        this.length = length;
        this.foldedDigits = foldedDigits;
    }

    static NormalizedText of(CharSequence text) {
        int n = text.length();
        char[] chars = new char[n];
        byte[] kinds = new byte[n];
        int[] from = new int[n];
        int[] to = new int[n];
        int length = 0;
        boolean folded = false;
        int i = 0;
        while (i < n) {
            int start = i;
            int cp;
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = text.charAt(i + 1);
                if (e == 'u' && i + 5 < n && isHex(text, i + 2)) {
                    cp = Integer.parseInt(text.subSequence(i + 2, i + 6).toString(), 16);
                    i += 6;
                    // A surrogate pair written as two escapes is one code point (a mathematical digit, say).
                    if (Character.isHighSurrogate((char) cp) && i + 5 < n && text.charAt(i) == '\\'
                            && text.charAt(i + 1) == 'u' && isHex(text, i + 2)) {
                        int low = Integer.parseInt(text.subSequence(i + 2, i + 6).toString(), 16);
                        if (Character.isLowSurrogate((char) low)) {
                            cp = Character.toCodePoint((char) cp, (char) low);
                            i += 6;
                        }
                    }
                    folded = true;
                } else {
                    cp = switch (e) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e; // \/ and anything else: the character itself
                    };
                    if (e == '"' || e == '\\') {
                        // Kept as written, so that JSON strings keep their bounds: the backslash is
                        // a view character of its own, then the escaped character.
                        chars[length] = '\\';
                        kinds[length] = SEPARATOR;
                        from[length] = i;
                        to[length] = i + 1;
                        length++;
                        start = i + 1;
                    }
                    i += 2;
                }
            } else {
                cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
            }
            char out;
            byte kind;
            if (cp >= '0' && cp <= '9') {
                out = (char) cp;
                kind = DIGIT;
            } else if (cp > 127 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                out = (char) ('0' + Character.digit(cp, 10));
                kind = DIGIT;
                folded = true;
            } else {
                out = Character.isBmpCodePoint(cp) ? (char) cp : '\uFFFD';
                kind = Character.isLetter(cp) ? LETTER : SEPARATOR;
            }
            chars[length] = out;
            kinds[length] = kind;
            from[length] = start;
            to[length] = i;
            length++;
        }
        return new NormalizedText(text, chars, kinds, from, to, length, folded);
    }

    private static boolean isHex(CharSequence text, int at) {
        for (int k = at; k < at + 4; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    int length() {
        return length;
    }

    char charAt(int i) {
        return chars[i];
    }

    boolean isDigit(int i) {
        return kinds[i] == DIGIT;
    }

    /** Neither a letter nor a digit: spaces of every kind, punctuation, controls, NULs. */
    boolean isSeparator(int i) {
        return kinds[i] == SEPARATOR;
    }

    /** The view as a string, one character per view position. */
    String decoded() {
        return new String(chars, 0, length);
    }

    /** Where view character {@code i} starts in the original. */
    int originalStart(int i) {
        return i < length ? from[i] : original.length();
    }

    boolean hasFoldedDigits() {
        return foldedDigits;
    }

    /**
     * The original with each masked view character written as one {@code *}, every other digit as
     * its ASCII digit, and everything else as written.
     */
    String render(boolean[] masked) {
        StringBuilder out = new StringBuilder(original.length());
        for (int i = 0; i < length; i++) {
            if (masked[i]) {
                out.append('*');
            } else if (isDigit(i)) {
                out.append(chars[i]);
            } else if (to[i] - from[i] == 1) {
                out.append(original.charAt(from[i])); // most characters: no escape, one char
            } else {
                out.append(original, from[i], to[i]);
            }
        }
        return out.toString();
    }
}
