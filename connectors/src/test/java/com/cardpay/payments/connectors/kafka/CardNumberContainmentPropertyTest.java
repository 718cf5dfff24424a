package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.dlq.DlqTopic;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedTopic;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.validation.Luhn;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Property: a card number of 12 to 19 digits, written in any of the ways a producer might (digit
 * groups with any separators, JSON escapes, full-width or Arabic-Indic digits, an expiry or CVV
 * after it), placed in any field, the key or a header (name or value), in a record of any
 * charset, never appears in what the job writes, apart from the vault ciphertext: neither the
 * tokenized payment (which the scored and settlement outputs are built from) nor the dead letter,
 * values, keys and headers alike. "Appears" is judged under the detector's own normalisation:
 * the PAN's digits inside any digit chain of the output.
 *
 * <p>This drives the real ingest path (header mapping, validation, tokenization, DLQ masking) and
 * the real output serializers, without a broker: the end-to-end run is in
 * {@code CardDataContainmentITCase}.
 */
class CardNumberContainmentPropertyTest {
    private static final String[] SEPARATORS = {" ", "  ", "\t", "\u00a0", "_", ",", ":", ".", "-", "/", "\\/",
        "\",\"", " - ", "\u3000", "\\t"};
    private static final String[] PLACES = {"device_id", "payment_id", "merchant_id", "original_payment_id", "note",
        "pan_array", "header_value", "header_name", "traceparent", "key"};
    private static final Charset[] CHARSETS = {StandardCharsets.UTF_8, StandardCharsets.UTF_8, StandardCharsets.UTF_8,
        StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32")};

    private final PaymentIngestor ingestor =
            new PaymentIngestor(new RawPaymentReader(), new CardTokenizer(new LocalKeyProvider()), Payments.INGEST_CLOCK);

    /** One generated case: where the PAN goes, how it is written, and the record's charset. */
    record Case(String pan, String written, String place, Charset charset) {}

    @Property(tries = 3_000, shrinking = ShrinkingMode.BOUNDED)
    void aCardNumberNeverLeavesIngestInClear(@ForAll("cases") Case c) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        String merchant = "m-1";
        byte[] key = merchant.getBytes(StandardCharsets.UTF_8);
        String json = record(c, merchant);
        switch (c.place()) {
            case "header_value" -> headers.add("x-debug", c.written().getBytes(c.charset()));
            case "header_name" -> headers.add("x-" + c.written(), new byte[] {'1'});
            case "traceparent" -> headers.add("traceparent", c.written().getBytes(c.charset()));
            case "key" -> key = c.written().getBytes(c.charset());
            default -> { }
        }
        byte[] value = json.getBytes(c.charset());

        IngestOutcome outcome = ingestor.ingest(value, key, KafkaHeaderMapping.fromKafka(headers),
                new SourcePosition("payments.raw", 0, 1, EventTimeLimit.NO_TIMESTAMP));

        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        if (outcome.isAccepted()) {
            written.add(TokenizedTopic.serializer("payments.tokenized").serialize(outcome.payment(), null, null));
        } else {
            written.add(DlqTopic.serializer("payments.dlq").serialize(outcome.deadLetter(), null, null));
        }
        for (ProducerRecord<byte[], byte[]> r : written) {
            assertNoPan(c, "value", r.value());
            assertNoPan(c, "key", r.key());
            for (Header h : r.headers()) {
                assertNoPan(c, "header name", h.key().getBytes(StandardCharsets.UTF_8));
                assertNoPan(c, "header " + h.key(), h.value());
            }
        }
    }

    private static void assertNoPan(Case c, String where, byte[] bytes) {
        if (bytes == null) {
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(digitsBetweenLetters(text))
                .as("%s of the output for %s", where, c)
                .noneMatch(digits -> digits.contains(c.pan()) || digits.contains(Payments.PAN));
    }

    /**
     * The oracle, on purpose not the detector under test: JSON escapes decoded, then the text cut at
     * every letter, and each piece's digits (any Unicode decimal digit, folded) run together. A
     * PAN written with any separators shows up whole in one piece, unless masked.
     */
    static List<String> digitsBetweenLetters(String text) {
        Matcher escape = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(decoded, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        escape.appendTail(decoded);
        List<String> pieces = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        decoded.codePoints().forEach(cp -> {
            if (Character.isLetter(cp)) {
                pieces.add(digits.toString());
                digits.setLength(0);
            } else if (Character.isDigit(cp)) {
                digits.append(Character.digit(cp, 10));
            }
        });
        pieces.add(digits.toString());
        return pieces;
    }

    /** A valid payment (its own card, Payments.PAN, in "pan"), with the generated PAN in its place. */
    private static String record(Case c, String merchant) {
        String paymentId = c.place().equals("payment_id") ? c.written() : "pay-1";
        String merchantId = c.place().equals("merchant_id") ? c.written() : merchant;
        String type = c.place().equals("original_payment_id") ? "REFUND" : "PURCHASE";
        StringBuilder json = new StringBuilder("{\"payment_id\":\"").append(paymentId)
                .append("\",\"merchant_id\":\"").append(merchantId)
                .append("\",\"type\":\"").append(type)
                .append("\",\"amount_minor\":1250,\"currency\":\"EUR\",\"pan\":");
        if (c.place().equals("pan_array")) {
            json.append("[\"").append(c.written().replace(" ", "\",\"")).append("\"]");
        } else {
            json.append('"').append(Payments.PAN).append('"');
        }
        json.append(",\"expiry\":\"12/29\",\"card_country\":\"DE\",\"merchant_country\":\"DE\"");
        if (c.place().equals("device_id")) {
            json.append(",\"device_id\":\"").append(c.written()).append('"');
        }
        if (c.place().equals("original_payment_id")) {
            json.append(",\"original_payment_id\":\"").append(c.written()).append('"');
        }
        if (c.place().equals("note")) {
            json.append(",\"note\":\"").append(c.written()).append('"');
        }
        return json.append(",\"event_time\":\"").append(Payments.EVENT_TIME).append("\"}").toString();
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> pans = Combinators.combine(Arbitraries.integers().between(12, 19),
                        Arbitraries.strings().numeric().ofLength(19))
                .as((length, digits) -> {
                    String partial = digits.substring(0, length - 1);
                    return partial + Luhn.checkDigitFor(partial);
                });
        return Combinators.combine(pans, Arbitraries.longs(), Arbitraries.of(PLACES), Arbitraries.of(CHARSETS))
                .as((pan, seed, place, charset) -> new Case(pan, written(pan, new java.util.Random(seed)), place, charset));
    }

    /** The PAN as a producer might write it: groups, separators, digit forms, text around it. */
    static String written(String pan, java.util.Random random) {
        StringBuilder out = new StringBuilder();
        String[] prefixes = {"", "card ", "737 ", "ref:"};
        out.append(prefixes[random.nextInt(prefixes.length)]);
        boolean grouped = random.nextBoolean();
        String separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
        int nextGroup = 1 + random.nextInt(6);
        for (int i = 0; i < pan.length(); i++) {
            if (grouped && i == nextGroup) {
                out.append(random.nextInt(4) == 0 ? SEPARATORS[random.nextInt(SEPARATORS.length)] : separator);
                nextGroup += 1 + random.nextInt(6);
            }
            char d = pan.charAt(i);
            switch (random.nextInt(10)) {
                case 0 -> out.append((char) ('\uFF10' + (d - '0')));            // full-width
                case 1 -> out.append((char) ('\u0660' + (d - '0')));            // Arabic-Indic
                case 2 -> out.append(String.format("\\u%04x", (int) d));        // JSON escape
                case 3 -> out.append(String.format("\\u%04X", 0xFF10 + (d - '0'))); // escaped full-width
                default -> out.append(d);
            }
        }
        String[] suffixes = {"", " 12/28", " 737", "/12/28", ""};
        out.append(suffixes[random.nextInt(suffixes.length)]);
        return out.toString();
    }
}
