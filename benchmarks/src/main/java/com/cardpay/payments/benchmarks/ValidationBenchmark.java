package com.cardpay.payments.benchmarks;

import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.functions.validation.CardPayment;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.functions.validation.PanMasker;
import com.cardpay.payments.functions.validation.PaymentValidator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parsing and validating one {@code payments.raw} record, on one core, apart from tokenization
 * ({@link TokenizationBenchmark} times the whole first step with Vault keys):
 *
 * <ul>
 *   <li>{@code validateValid}: the raw contract's reader (Jackson parse) plus every field rule, for a
 *       valid record;
 *   <li>{@code rejectMalformed}: a record with a bad currency, through {@link PaymentIngestor}: the
 *       rejection and its masked dead letter (PAN masking of the payload);
 *   <li>{@code rejectTooLarge}: a 70 KB record (the generator's {@code TOO_LARGE} case), rejected by
 *       size, whose dead letter masks and cuts the payload.
 *   <li>{@code detectorScanCleanText} / {@code detectorMaskPayload}: the card-number detector alone
 *       ({@link CardNumberDetector}), on a record's worth of text without a card number (what every
 *       id and free-text field costs) and masking a whole dead-letter payload ({@link PanMasker}).
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ValidationBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ValidationBenchmark {
    // A test card number made at run time: no card-number literal in sources.
    private static final String PAN = "5" + "5".repeat(14);
    private static final byte[] KEY = "m-001".getBytes(StandardCharsets.UTF_8);
    private static final SourcePosition SOURCE = new SourcePosition("payments.raw", 0, 0, EventTimeLimit.NO_TIMESTAMP);

    private final PaymentValidator validator = new PaymentValidator(EventTimeLimit.againstSystemClock(java.time.Duration.ofMinutes(5)));
    private final RawPaymentReader reader = new RawPaymentReader();
    private final PaymentIngestor ingestor = new PaymentIngestor(reader, new CardTokenizer(new LocalKeyProvider()),
            EventTimeLimit.againstSystemClock(java.time.Duration.ofMinutes(5)));
    private final byte[] valid = record(", \"currency\":\"EUR\"", "");
    private final byte[] badCurrency = record(", \"currency\":\"ZZZ\"", "");
    private final byte[] tooLarge = record(", \"currency\":\"EUR\"", ", \"notes\":\"" + "x".repeat(70 * 1024) + "\"");

    private final String badCurrencyText = new String(badCurrency, StandardCharsets.UTF_8);
    private final String cleanText = new String(record(", \"currency\":\"EUR\"", ""), StandardCharsets.UTF_8)
            .replace(PAN + Luhn.checkDigitFor(PAN), "tok_3k9v2b1c3d");

    private static byte[] record(String currency, String extra) {
        String pan = PAN + Luhn.checkDigitFor(PAN);
        return ("{\"payment_id\":\"pay-3k9v2-1b2c3d-1234567\",\"merchant_id\":\"m-001\",\"type\":\"PURCHASE\","
                + "\"amount_minor\":12999" + currency + ",\"pan\":\"" + pan + "\",\"expiry\":\"07/29\","
                + "\"card_country\":\"DE\",\"merchant_country\":\"FR\",\"ip_country\":\"DE\",\"device_id\":\"dev-5f3a9c1e\","
                + "\"event_time\":\"2026-11-24T10:15:30.123Z\"" + extra + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public CardPayment validateValid() throws InvalidPaymentException {
        return validator.validate(reader.read(valid), KEY);
    }

    @Benchmark
    public IngestOutcome rejectMalformed() throws Exception {
        return ingestor.ingest(badCurrency, KEY, MessageHeaders.EMPTY, SOURCE);
    }

    @Benchmark
    public IngestOutcome rejectTooLarge() throws Exception {
        return ingestor.ingest(tooLarge, KEY, MessageHeaders.EMPTY, SOURCE);
    }

    @Benchmark
    public boolean detectorScanCleanText() {
        return CardNumberDetector.containsCardNumber(cleanText);
    }

    @Benchmark
    public String detectorMaskPayload() {
        return PanMasker.maskPayload(badCurrencyText);
    }
}
