package com.cardpay.payments.integration.testutils;

import com.cardpay.payments.functions.validation.Luhn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds what looks like a card number in clear: a maximal digit run of 12 to 19 digits that passes Luhn. */
public final class CardDataScanner {
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]+");

    private CardDataScanner() {}

    public static List<String> luhnValidRuns(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String run = m.group();
            if (run.length() >= 12 && run.length() <= 19 && Luhn.isValid(run)) {
                found.add(run);
            }
        }
        return found;
    }
}
