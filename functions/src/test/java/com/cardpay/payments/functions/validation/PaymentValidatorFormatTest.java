package com.cardpay.payments.functions.validation;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's hand-written format checks accept exactly what the contract's regular
 * expressions accept: each is compared with its pattern on random strings drawn from the
 * characters at and around every class boundary, non-ASCII digits and letters included.
 */
class PaymentValidatorFormatTest {
    private static final String ALPHABET = "AZazBYby09185_-/@[`{:.+ \u0660\u0669\uFF10\uFF21\u00C0\u0130";

    @Test
    void idMatchesItsPattern() {
        agrees(Pattern.compile("[A-Za-z0-9_-]{1,64}"), PaymentValidator::isId, 0, 70, "AZazBYby09185_-");
    }

    @Test
    void panDigitsMatchTheirPattern() {
        agrees(Pattern.compile("[0-9]{12,19}"), s -> PaymentValidator.isDigits(s, 12, 19), 10, 22, "0918");
    }

    @Test
    void currencyAndCountryCodesMatchTheirPatterns() {
        agrees(Pattern.compile("[A-Z]{3}"), s -> PaymentValidator.isUpperAscii(s, 3), 1, 5, "AZBY");
        agrees(Pattern.compile("[A-Z]{2}"), s -> PaymentValidator.isUpperAscii(s, 2), 1, 4, "AZBY");
    }

    @Test
    void expiryMatchesItsPattern() {
        Pattern expiry = Pattern.compile("(0[1-9]|1[0-2])/[0-9]{2}");
        agrees(expiry, PaymentValidator::isExpiry, 4, 6, "0129/");
        for (int month = 0; month <= 99; month++) {
            String text = String.format("%02d/29", month);
            assertThat(PaymentValidator.isExpiry(text)).as(text).isEqualTo(expiry.matcher(text).matches());
        }
    }

    /**
     * @param likely characters the pattern accepts, drawn most of the time so that matches are
     *     common; one character in twenty comes from the whole boundary alphabet
     */
    private static void agrees(Pattern pattern, Predicate<String> check, int minLength, int maxLength, String likely) {
        Random random = new Random(17);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                String pool = random.nextInt(20) == 0 ? ALPHABET : likely;
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            String s = text.toString();
            boolean expected = pattern.matcher(s).matches();
            assertThat(check.test(s)).as("'%s' against %s", s, pattern).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        // The comparison is only meaningful if both answers occur often.
        assertThat(accepted).isBetween(500, 199_500);
    }
}
