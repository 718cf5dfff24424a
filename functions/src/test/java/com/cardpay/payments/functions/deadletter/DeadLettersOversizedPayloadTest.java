package com.cardpay.payments.functions.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PanMasker;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * An oversized payload is masked only up to a margin past the DLQ cut; the dead letter must be
 * exactly what masking the whole payload and then cutting gives. Compared on payloads built to
 * break it: digit runs, card fields, JSON escapes and surrogate pairs straddling the margin's end.
 */
class DeadLettersOversizedPayloadTest {
    private static final int CUT = DeadLetters.MAX_PAYLOAD_CHARS;
    private static final int EDGE = CUT + DeadLetters.MASK_MARGIN;
    private static final String[] PIECES = {
        "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "\\u0034\\u0031\\u0031\\u0031",
        "\"pan\":\"5555555555554444\"", "\"pan\":\"55555555", "\"expiry\":\"12/29\"", "\"pan\": 4111111111111111",
        "\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11", "\uD83D\uDE00", "\\", "\"", "0", "1 2 3", ".", "/", "-", "x", " ",
    };

    @Test
    void straddlingCardNumbersAreMaskedExactlyAsIfTheWholePayloadWere() {
        assertSameAsFullMasking(filler(EDGE - 8) + "4111111111111111" + filler(4_000));
        assertSameAsFullMasking(filler(EDGE - 100) + "1".repeat(5_000) + filler(100));
        assertSameAsFullMasking(filler(CUT - 10) + "1".repeat(DeadLetters.MASK_MARGIN + 50) + filler(10));
        assertSameAsFullMasking(filler(EDGE - 12) + "\"pan\":\"5555555555554444\"" + filler(3_000));
        assertSameAsFullMasking(filler(EDGE - 1) + "\uD83D\uDE00" + filler(3_000));
        assertSameAsFullMasking("{\"pan\":\"" + "5".repeat(EDGE + 500) + "\"}");
    }

    @Test
    void escapeHeavyPayloadsFallBackToMaskingEverything() {
        // Every six characters unescape to one digit: the masked prefix is far shorter than the cut.
        String escapes = "\\u0034".repeat(EDGE / 6 + 2_000);
        assertThat(PanMasker.maskPayload(escapes.substring(0, EDGE)).length()).isLessThan(CUT);
        assertSameAsFullMasking(escapes);
        assertSameAsFullMasking(filler(CUT / 2) + escapes);
    }

    @Test
    void randomPayloadsAroundTheEdgeAgreeWithFullMasking() {
        Random random = new Random(23);
        for (int i = 0; i < 300; i++) {
            StringBuilder payload = new StringBuilder(filler(CUT - 200 + random.nextInt(DeadLetters.MASK_MARGIN)));
            int target = EDGE + 200 + random.nextInt(3_000);
            while (payload.length() < target) {
                payload.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameAsFullMasking(payload.toString());
        }
    }

    private static void assertSameAsFullMasking(String payload) {
        String full = PanMasker.maskPayload(payload);
        boolean truncated = full.length() > CUT;
        String expected = truncated ? cut(full, CUT) : full;

        DeadLetter dl = DeadLetters.rejected(new InvalidPaymentException(RejectionCode.TOO_LARGE, null, "too large"),
                payload.getBytes(StandardCharsets.UTF_8), null, MessageHeaders.EMPTY, new SourcePosition("payments.raw", 0, 0, 0));

        assertThat(dl.payloadTruncated()).isEqualTo(truncated);
        assertThat(dl.maskedPayload()).isEqualTo(expected);
    }

    private static String filler(int length) {
        return "{\"notes\":\"" + "x".repeat(Math.max(0, length - 10));
    }

    private static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
