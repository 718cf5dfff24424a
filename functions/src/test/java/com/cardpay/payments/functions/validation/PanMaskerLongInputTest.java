package com.cardpay.payments.functions.validation;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long digit runs and long card fields in a rejected record (up to the 64 KB record limit, and
 * beyond for oversized ones) must be masked, not overflow the task thread's stack: a throw there
 * fails the job on the same record after every restart. And the scanner that replaced the digit-run
 * regex finds exactly what the regex found.
 */
class PanMaskerLongInputTest {

    @Test
    void longDigitRunsAndCardFieldsDoNotOverflowASmallStack() throws Exception {
        String digits = "4".repeat(70_000);
        String grouped = "4111 ".repeat(14_000);
        String longPan = "{\"pan\":\"" + "5".repeat(70_000) + "\",\"currency\":\"ZZZ\"}";
        String escapes = "{\"pan\":\"" + "\\n".repeat(30_000) + "\"}";

        String[] masked = onSmallStack(() -> new String[] {
            PanMasker.mask(digits), PanMasker.mask(grouped), PanMasker.maskPayload(longPan), PanMasker.maskPayload(escapes),
            Boolean.toString(CardNumberDetector.containsCardNumber(digits)),
        });

        assertThat(masked[0]).isEqualTo("*".repeat(69_996) + "4444");
        assertThat(masked[1]).isEqualTo("**** ".repeat(13_999) + "4111 ");
        assertThat(masked[2]).isEqualTo("{\"pan\":\"" + "*".repeat(70_000) + "\",\"currency\":\"ZZZ\"}");
        // One * per character of the value as decoded: each \\n escape is one character.
        assertThat(masked[3]).isEqualTo("{\"pan\":\"" + "*".repeat(30_000) + "\"}");
        assertThat(masked[4]).isEqualTo("false");
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
