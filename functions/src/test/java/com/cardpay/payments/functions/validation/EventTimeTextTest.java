package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The fast path of {@code event_time} reads what {@link Instant#parse} reads, or declines. */
class EventTimeTextTest {

    @Test
    void theProducersFormsAreReadOnTheFastPath() {
        assertThat(EventTimeText.fastEpochMillis("2026-11-24T10:15:30.123Z")).isEqualTo(1_795_515_330_123L);
        assertThat(EventTimeText.fastEpochMillis("2026-11-24T10:15:30Z")).isEqualTo(1_795_515_330_000L);
        assertThat(EventTimeText.fastEpochMillis("2024-02-29T23:59:59.9999999Z")).isEqualTo(
                Instant.parse("2024-02-29T23:59:59.9999999Z").toEpochMilli());
        assertThat(EventTimeText.fastEpochMillis("1970-01-01T00:00:00Z")).isZero();
    }

    @Test
    void formsItDoesNotReadExactlyAreLeftToInstantParse() {
        for (String declined : List.of("2026-11-24T10:15:30+01:00", "2026-11-24T10:15:30.123z", "2025-02-29T10:15:30Z",
                "2026-04-31T10:15:30Z", "2026-11-24T24:00:00Z", "2026-11-24T23:59:60Z", "1969-12-31T23:59:59Z",
                "9999-12-31T23:59:59.9995Z", "2026-11-24T10:15:30.Z", "2026-11-24 10:15:30Z", "+2026-11-24T10:15:30Z",
                "2026-11-24T10:15:30.1234567890Z", "２026-11-24T10:15:30Z", "2026-1-24T10:15:30.12Z")) {
            assertThat(EventTimeText.fastEpochMillis(declined)).as(declined).isEqualTo(-1);
        }
    }

    @Test
    void onRandomAndMutatedTextsItAgreesWithInstantParseWheneverItAnswers() {
        SplittableRandom random = new SplittableRandom(16);
        String alphabet = "0123456789-:.TZz+ 9";
        int answered = 0;
        int agreedRejections = 0;
        for (String text : samples(random)) {
            for (int mutation = 0; mutation < 4; mutation++) {
                String candidate = mutation == 0 ? text : mutate(text, random, alphabet);
                long fast = EventTimeText.fastEpochMillis(candidate);
                Long parsed = parsed(candidate);
                if (fast >= 0) {
                    answered++;
                    assertThat(parsed).as(candidate).isEqualTo(fast);
                } else if (parsed == null) {
                    agreedRejections++;
                }
            }
        }
        // Both branches really ran: the comparison is not vacuous.
        assertThat(answered).isGreaterThan(20_000);
        assertThat(agreedRejections).isGreaterThan(5_000);
    }

    private static List<String> samples(SplittableRandom random) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 253_402_300_799L); // to 9999-12-31T23:59:59Z
            String base = Instant.ofEpochSecond(seconds).toString(); // ...:SSZ
            int fractionDigits = random.nextInt(0, 10);
            StringBuilder fraction = new StringBuilder();
            for (int d = 0; d < fractionDigits; d++) {
                fraction.append((char) ('0' + random.nextInt(10)));
            }
            texts.add(fractionDigits == 0 ? base : base.substring(0, base.length() - 1) + "." + fraction + "Z");
        }
        return texts;
    }

    private static String mutate(String text, SplittableRandom random, String alphabet) {
        StringBuilder b = new StringBuilder(text);
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
            case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> b.deleteCharAt(at);
            default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static Long parsed(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
