package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** A record made mostly of headers is refused whole, and its dead letter stays small. */
class HeaderLimitsTest {
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);

    @Test
    void aValidPaymentWithHeadersNearTheBrokerLimitIsTooLargeAndItsDeadLetterKeepsOnlyWhatFits() throws Exception {
        // Four headers of 250 KB: about a megabyte, the broker's default limit, with a valid value.
        byte[] big = new byte[250_000];
        Arrays.fill(big, (byte) 'h');
        MessageHeaders headers = new MessageHeaders(new String[] {"traceparent", "a", "b", "c"},
                new byte[][] {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(), big, big, big});

        IngestOutcome outcome = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, Payments.source());

        assertThat(outcome.isAccepted()).isFalse();
        DeadLetter dl = outcome.deadLetter();
        assertThat(dl.errorCode()).isEqualTo("TOO_LARGE");
        assertThat(dl.errorMessage()).contains("headers").contains("65536");
        assertThat(dl.headers().names).containsExactly("traceparent");
    }

    @Test
    void tooManyHeadersAreTooLarge() throws Exception {
        String[] names = new String[HeaderLimits.MAX_HEADERS + 1];
        byte[][] values = new byte[names.length][];
        Arrays.fill(names, "x");
        Arrays.fill(values, new byte[1]);

        IngestOutcome outcome = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"),
                new MessageHeaders(names, values), Payments.source());

        assertThat(outcome.isAccepted()).isFalse();
        assertThat(outcome.deadLetter().errorMessage()).contains("33 headers");
        assertThat(outcome.deadLetter().headers().size()).isEqualTo(HeaderLimits.MAX_HEADERS);
    }

    @Test
    void headersWithinTheLimitsTravelWithThePayment() throws Exception {
        byte[] value = new byte[60_000];
        MessageHeaders headers = new MessageHeaders(new String[] {"x"}, new byte[][] {value});

        IngestOutcome outcome = ingestor.ingest(Payments.raw().bytes(), Payments.key("m-1"), headers, Payments.source());

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.payment().headers()).isEqualTo(headers);
    }

    @Test
    void headerNamesCountInUtf8Bytes() {
        // "é" and "€" are 2 and 3 bytes in UTF-8, "𝟒" (a surrogate pair) 4: 9 bytes of names.
        MessageHeaders headers = new MessageHeaders(new String[] {"é€", "\uD835\uDFD2"}, new byte[][] {new byte[0], new byte[0]});

        assertThat(HeaderLimits.problem(headers, 65_536 - 9)).isNull();
        assertThat(HeaderLimits.problem(headers, 65_536 - 8)).contains("65537 bytes");
    }
}
