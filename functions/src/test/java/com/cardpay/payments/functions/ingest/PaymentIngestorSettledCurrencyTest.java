package com.cardpay.payments.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;

import org.junit.jupiter.api.Test;

import java.util.Set;

/**
 * A payment in a currency the job does not settle ({@code settlement.currencies}) is refused at
 * ingest with its own code, never settled with a guessed fee and never lost: it is in the DLQ with
 * its source position, to be replayed once the currency has fee plans.
 */
class PaymentIngestorSettledCurrencyTest {
    private final PaymentIngestor ingestor = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()),
            Payments.INGEST_CLOCK, Set.of("EUR", "JPY"));

    @Test
    void aSettledCurrencyIsAccepted() throws Exception {
        IngestOutcome outcome = ingestor.ingest(Payments.raw().with("currency", "JPY").bytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source(1));
        assertThat(outcome.isAccepted()).isTrue();
        assertThat(outcome.payment().currency()).isEqualTo("JPY");
    }

    @Test
    void anotherValidCurrencyIsADeadLetterNamingIt() throws Exception {
        IngestOutcome outcome = ingestor.ingest(Payments.raw().with("currency", "SEK").bytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source(7));

        assertThat(outcome.isAccepted()).isFalse();
        assertThat(outcome.payment()).isNull();
        assertThat(outcome.vaultRecord()).as("refused before tokenization").isNull();
        DeadLetter dl = outcome.deadLetter();
        assertThat(dl.errorCode()).isEqualTo("CURRENCY_NOT_SETTLED");
        assertThat(dl.field()).isEqualTo("currency");
        assertThat(dl.errorMessage()).contains("SEK").contains("settlement.currencies");
        assertThat(dl.paymentId()).isEqualTo("pay-0001");
        assertThat(dl.merchantId()).isEqualTo("m-1");
        assertThat(dl.source()).isEqualTo(Payments.source(7));
        assertThat(dl.maskedPayload()).doesNotContain(Payments.PAN);
    }

    @Test
    void anInvalidCurrencyIsStillABadCurrency() throws Exception {
        IngestOutcome outcome = ingestor.ingest(Payments.raw().with("currency", "XAU").bytes(), Payments.key("m-1"),
                Payments.headers(), Payments.source(8));
        assertThat(outcome.deadLetter().errorCode()).isEqualTo("BAD_CURRENCY");
    }

    @Test
    void withoutAListEveryValidCurrencyIsAccepted() throws Exception {
        PaymentIngestor any = new PaymentIngestor(Payments.READER, new CardTokenizer(new TestKeyProvider()), Payments.INGEST_CLOCK);
        assertThat(any.ingest(Payments.raw().with("currency", "SEK").bytes(), Payments.key("m-1"), Payments.headers(),
                Payments.source(9)).isAccepted()).isTrue();
    }
}
