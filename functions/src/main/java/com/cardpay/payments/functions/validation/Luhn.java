package com.cardpay.payments.functions.validation;

/** The Luhn (mod 10) check digit that every card number carries. */
public final class Luhn {
    private Luhn() {}

    /** True if {@code digits} (ASCII digits only) passes the Luhn check. */
    public static boolean isValid(CharSequence digits) {
        int sum = weightedSum(digits, false);
        return digits.length() > 0 && sum >= 0 && sum % 10 == 0;
    }

    /** The digit that, appended to {@code partial}, makes it Luhn-valid. For test data generators. */
    public static char checkDigitFor(CharSequence partial) {
        int sum = weightedSum(partial, true);
        if (sum < 0) {
            throw new IllegalArgumentException("not all digits");
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /**
     * Sum of the digits from the right, every second one doubled (minus 9 when over 9); -1 if a
     * character is not an ASCII digit.
     *
     * @param doubleRightmost whether the rightmost digit is doubled (true when the check digit is
     *     still missing)
     */
    private static int weightedSum(CharSequence digits, boolean doubleRightmost) {
        int sum = 0;
        boolean doubleIt = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum;
    }
}
