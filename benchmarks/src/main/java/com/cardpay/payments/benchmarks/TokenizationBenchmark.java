package com.cardpay.payments.benchmarks;

import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.vault.VaultFixture;
import com.cardpay.payments.connectors.vault.VaultKeyProvider;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.Luhn;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tokenization on one core with the Vault key provider and its keys cached (the Vault stand-in is
 * only called at start and by the background refresher, never per record).
 *
 * <ul>
 *   <li>{@code tokenizeAndSeal}: HMAC-SHA-256 token plus AES-256-GCM vault record.
 *   <li>{@code ingest}: the whole first step: parse and validate the JSON record, tokenize, seal.
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar TokenizationBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TokenizationBenchmark {
    // A test card number made at run time: no card-number literal in sources.
    private static final String PAN = testPan("4" + "1".repeat(14));
    private static final byte[] RECORD = ("{\"payment_id\":\"pay-1\",\"merchant_id\":\"m-1\",\"type\":\"PURCHASE\","
            + "\"amount_minor\":1999,\"currency\":\"EUR\",\"pan\":\"" + PAN + "\",\"expiry\":\"12/29\","
            + "\"card_country\":\"DE\",\"merchant_country\":\"DE\",\"ip_country\":\"DE\",\"device_id\":\"dev-1\","
            + "\"event_time\":\"2026-11-24T10:15:30.123Z\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY = "m-1".getBytes(StandardCharsets.UTF_8);
    private static final SourcePosition SOURCE = new SourcePosition("payments.raw", 0, 0, EventTimeLimit.NO_TIMESTAMP);

    private FakeVaultServer vault;
    private VaultKeyProvider keys;
    private CardTokenizer tokenizer;
    private PaymentIngestor ingestor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vault = FakeVaultServer.start();
        VaultFixture.provision(vault, Duration.ofHours(1), Duration.ofHours(24));
        Path dir = Files.createTempDirectory("vault-bench");
        keys = VaultKeyProvider.open(VaultFixture.kubernetes(vault, dir, Duration.ofMinutes(15), Duration.ofSeconds(30),
                Long.MAX_VALUE / 2), new UnregisteredMetricsGroup());
        tokenizer = new CardTokenizer(keys);
        ingestor = new PaymentIngestor(new RawPaymentReader(), new CardTokenizer(keys),
                EventTimeLimit.againstSystemClock(java.time.Duration.ofMinutes(5)));
    }

    private static String testPan(String partial) {
        return partial + Luhn.checkDigitFor(partial);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keys.close();
        vault.close();
    }

    @Benchmark
    public VaultRecord tokenizeAndSeal() throws Exception {
        return tokenizer.seal(tokenizer.tokenize(PAN), PAN, "12/29", MessageHeaders.EMPTY);
    }

    @Benchmark
    public IngestOutcome ingest() throws Exception {
        return ingestor.ingest(RECORD, KEY, MessageHeaders.EMPTY, SOURCE);
    }
}
