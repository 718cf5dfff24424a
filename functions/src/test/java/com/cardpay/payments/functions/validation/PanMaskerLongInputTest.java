package com.cardpay.payments.functions.validation;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long digit runs and long card fields in a rejected record (up to the 64 KB record limit, and
 * beyond for oversized ones) must be masked, not overflow the task thread's stack: a throw there
 * fails the job on the same record after every restart. And the scanner that replaced the digit-run
 * regex finds exactly what the regex found.
 */
class PanMaskerLongInputTest {
    private static final Pattern DIGIT_RUN_REGEX = Pattern.compile("[0-9](?:[ ./-]?[0-9]){11,}");
    private static final String ALPHABET = "0123456789 ./-x,\"";

    @Test
    void longDigitRunsAndCardFieldsDoNotOverflowASmallStack() throws Exception {
        String digits = "4".repeat(70_000);
        String grouped = "4111 ".repeat(14_000);
        String longPan = "{\"pan\":\"" + "5".repeat(70_000) + "\",\"currency\":\"ZZZ\"}";
        String escapes = "{\"pan\":\"" + "\\n".repeat(30_000) + "\"}";

        String[] masked = onSmallStack(() -> new String[] {
            PanMasker.mask(digits), PanMasker.mask(grouped), PanMasker.maskPayload(longPan), PanMasker.maskPayload(escapes),
            Boolean.toString(PanMasker.containsCardNumber(digits)),
        });

        assertThat(masked[0]).isEqualTo("*".repeat(69_996) + "4444");
        assertThat(masked[1]).isEqualTo("**** ".repeat(13_999) + "4111 ");
        assertThat(masked[2]).isEqualTo("{\"pan\":\"" + "*".repeat(70_000) + "\",\"currency\":\"ZZZ\"}");
        assertThat(masked[3]).isEqualTo("{\"pan\":\"" + "*".repeat(60_000) + "\"}");
        assertThat(masked[4]).isEqualTo("false");
    }

    @Test
    void scannerFindsExactlyTheRunsTheRegexFinds() {
        Random random = new Random(5);
        int runs = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                // Mostly digits, so that runs of 12+ are common.
                text.append(random.nextInt(3) > 0 ? (char) ('0' + random.nextInt(10)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = text.toString();
            Matcher m = DIGIT_RUN_REGEX.matcher(s);
            int from = 0;
            while (true) {
                long run = PanMasker.findDigitRun(s, from);
                if (!m.find()) {
                    assertThat(run).as(s).isEqualTo(-1);
                    break;
                }
                runs++;
                assertThat(run).as(s).isEqualTo(((long) m.start() << 32) | m.end());
                from = m.end();
            }
        }
        assertThat(runs).isGreaterThan(10_000);
    }

    private static <T> T onSmallStack(java.util.concurrent.Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
        return result.get();
    }
}
