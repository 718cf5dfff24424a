package com.cardpay.payments.local;

import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates {@code payments.raw} records for the local run and the tests: realistic valid payments
 * (purchases, refunds, chargebacks over a pool of merchants, currencies and Luhn-valid test cards),
 * a share of malformed records cycling through every rejection rule, a share of replays, some
 * exact and some conflicting, and optionally a share of late payments, whose event time is minutes
 * behind the stream (well past the watermark bound). Seeded, so a test knows exactly what to expect.
 */
public final class SyntheticPayments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CARD_POOL = 20_000;
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY"};
    private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "JP", "NL"};
    private static final RejectionCode[] MALFORMED = {
        RejectionCode.INVALID_JSON, RejectionCode.TOO_LARGE, RejectionCode.MISSING_FIELD, RejectionCode.WRONG_TYPE,
        RejectionCode.BAD_PAYMENT_ID, RejectionCode.BAD_MERCHANT_ID, RejectionCode.KEY_MISMATCH, RejectionCode.BAD_TYPE,
        RejectionCode.BAD_AMOUNT, RejectionCode.BAD_CURRENCY, RejectionCode.BAD_PAN, RejectionCode.BAD_EXPIRY,
        RejectionCode.BAD_COUNTRY, RejectionCode.BAD_DEVICE_ID, RejectionCode.BAD_EVENT_TIME,
        RejectionCode.EVENT_TIME_IN_FUTURE,
        RejectionCode.BAD_ORIGINAL_PAYMENT_ID,
    };

    /** Event time between two consecutive payments, unless {@link #spacedBy} says otherwise. */
    public static final Duration DEFAULT_SPACING = Duration.ofMillis(10);

    /** How far behind the stream a late payment's event time is: at least this much ... */
    public static final Duration MIN_LATENESS = Duration.ofMinutes(10);
    /** ... and less than this. */
    public static final Duration MAX_LATENESS = Duration.ofMinutes(60);

    /**
     * What a generated record is, and so what the job must do with it. {@code LATE} is a valid,
     * first-seen payment whose event time is {@link #MIN_LATENESS} or more behind the stream: the
     * job must accept it like {@code VALID}.
     */
    public enum Kind { VALID, EXACT_REPLAY, CONFLICTING_REPLAY, MALFORMED, LATE }

    /**
     * One generated record.
     *
     * @param expectedRejection the DLQ code the job must give it, or null if it must be accepted
     *     (or dropped as an exact replay)
     * @param pan the card number inside, for tests that trace a token back to its card
     */
    public record Generated(String paymentId, byte[] key, byte[] value, String traceparent, Kind kind,
            @Nullable RejectionCode expectedRejection, String pan) {}

    private final Random random;
    private final double malformedShare;
    private final double replayShare;
    private final double lateShare;
    private final String runId;
    private final Instant start;
    private long spacingMicros = DEFAULT_SPACING.toNanos() / 1_000;
    private final List<String> cards = new ArrayList<>();
    /** Merchants to draw from, and the share of payments that go to the hottest one, m-000 ({@link #withPopulation}). */
    private int merchants = 20;
    private double hotMerchantShare;
    private final List<Generated> recentValid = new ArrayList<>();
    private long sequence;
    private int malformedIndex;
    private int replays;

    public SyntheticPayments(long seed, double malformedShare, double replayShare, Instant start) {
        this(seed, malformedShare, replayShare, 0, start);
    }

    /**
     * @param lateShare the share of valid payments made late; with 0 the sequence is exactly that
     *     of the four-argument constructor for the same seed
     */
    public SyntheticPayments(long seed, double malformedShare, double replayShare, double lateShare, Instant start) {
        if (malformedShare < 0 || replayShare < 0 || lateShare < 0 || lateShare > 1 || malformedShare + replayShare > 1) {
            throw new IllegalArgumentException("shares must be in [0, 1], malformed plus replay at most 1; got malformed="
                    + malformedShare + " replay=" + replayShare + " late=" + lateShare);
        }
        this.random = new Random(seed);
        this.malformedShare = malformedShare;
        this.replayShare = replayShare;
        this.lateShare = lateShare;
        this.runId = Long.toString(seed, 36) + "-" + Long.toString(start.toEpochMilli(), 36);
        this.start = start;
        // Enough cards that a card pays a few times an hour, as real cards do: with a few hundred,
        // every card would look like a velocity attack and nearly everything would be declined.
        for (int i = 0; i < CARD_POOL; i++) {
            cards.add(newCard());
        }
    }

    /**
     * Event time between consecutive payments: a generator paced at R payments a second uses
     * 1 s / R, so that its event time keeps step with the wall clock (the job rejects event times
     * ahead of its clock).
     */
    public SyntheticPayments spacedBy(Duration spacing) {
        this.spacingMicros = Math.max(1, spacing.toNanos() / 1_000);
        return this;
    }

    /**
     * Another population for cost measurements: {@code cards} distinct cards (replacing the default
     * pool of 20,000), {@code merchants} merchants, of which one (m-000) takes
     * {@code hotMerchantShare} of all payments. Deterministic for a seed; the default population
     * keeps the sequences of the constructors (the savepoint fixtures' input depends on them).
     */
    public SyntheticPayments withPopulation(int cards, int merchants, double hotMerchantShare) {
        if (cards < 1 || merchants < 1 || hotMerchantShare < 0 || hotMerchantShare > 1) {
            throw new IllegalArgumentException("cards and merchants must be positive and the hot share in [0, 1]; got cards="
                    + cards + " merchants=" + merchants + " hot=" + hotMerchantShare);
        }
        this.cards.clear();
        for (int i = 0; i < cards; i++) {
            this.cards.add(newCard());
        }
        this.merchants = merchants;
        this.hotMerchantShare = hotMerchantShare;
        return this;
    }

    /**
     * Where a backlog of {@code records} payments at the default spacing must start so that its
     * last event time is {@code end}: a backlog made now lies wholly in the past.
     */
    public static Instant startOfBacklogEndingAt(Instant end, long records) {
        return end.minus(DEFAULT_SPACING.multipliedBy(records));
    }

    /** The next {@code n} records, in order. */
    public List<Generated> next(int n) {
        List<Generated> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    public Generated next() {
        double dice = random.nextDouble();
        if (dice < malformedShare) {
            return malformed(MALFORMED[malformedIndex++ % MALFORMED.length]);
        }
        if (dice < malformedShare + replayShare && !recentValid.isEmpty()) {
            Generated original = recentValid.get(random.nextInt(recentValid.size()));
            // Every fourth replay changes the amount: a conflict, which must reach the DLQ.
            if (++replays % 4 == 0) {
                ObjectNode changed = (ObjectNode) parse(original.value());
                changed.put("amount_minor", changed.get("amount_minor").asLong() + 1);
                return new Generated(original.paymentId(), original.key(), bytes(changed), traceparent(),
                        Kind.CONFLICTING_REPLAY, RejectionCode.DUPLICATE_CONFLICT, original.pan());
            }
            return new Generated(original.paymentId(), original.key(), original.value(), original.traceparent(),
                    Kind.EXACT_REPLAY, null, original.pan());
        }
        ObjectNode payment = validPayment();
        Kind kind = Kind.VALID;
        // Draw only when late payments are asked for, so that lateShare 0 keeps the old sequence.
        if (lateShare > 0 && random.nextDouble() < lateShare) {
            Instant onTime = Instant.parse(payment.get("event_time").asText());
            long spanMillis = MAX_LATENESS.minus(MIN_LATENESS).toMillis();
            payment.put("event_time", onTime.minus(MIN_LATENESS).minusMillis((long) (random.nextDouble() * spanMillis)).toString());
            kind = Kind.LATE;
        }
        Generated valid = generated(payment, kind, null);
        if (recentValid.size() < 1000) {
            recentValid.add(valid);
        } else {
            recentValid.set(random.nextInt(recentValid.size()), valid);
        }
        return valid;
    }

    private ObjectNode validPayment() {
        long n = sequence++;
        ObjectNode p = JSON.createObjectNode();
        // Draw the hot merchant only when one is asked for, so that the default keeps the old sequence.
        int merchantIndex = hotMerchantShare > 0 && random.nextDouble() < hotMerchantShare ? 0 : random.nextInt(merchants);
        String merchant = String.format("m-%03d", merchantIndex);
        p.put("payment_id", "pay-" + runId + "-" + n);
        p.put("merchant_id", merchant);
        int typeDice = random.nextInt(100);
        String type = typeDice < 90 || recentValid.isEmpty() ? "PURCHASE" : typeDice < 97 ? "REFUND" : "CHARGEBACK";
        p.put("type", type);
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        p.put("amount_minor", currency.equals("JPY") ? 100 + random.nextInt(50_000) : 50 + random.nextInt(500_000));
        p.put("currency", currency);
        p.put("pan", cards.get(random.nextInt(cards.size())));
        p.put("expiry", String.format("%02d/%02d", 1 + random.nextInt(12), 27 + random.nextInt(5)));
        p.put("card_country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        p.put("merchant_country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        if (random.nextBoolean()) {
            p.put("ip_country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        }
        if (random.nextBoolean()) {
            p.put("device_id", "dev-" + Integer.toHexString(random.nextInt()));
        }
        // Mostly in order, some events up to 3 s late.
        Instant eventTime = start.plus(Duration.ofMillis(n * spacingMicros / 1_000 - random.nextInt(3000)));
        p.put("event_time", eventTime.toString());
        if (!type.equals("PURCHASE")) {
            p.put("original_payment_id", recentValid.get(random.nextInt(recentValid.size())).paymentId());
        }
        return p;
    }

    private Generated malformed(RejectionCode code) {
        ObjectNode p = validPayment();
        String paymentId = p.get("payment_id").asText();
        switch (code) {
            case INVALID_JSON -> {
                String truncated = p.toString().substring(0, p.toString().length() / 2);
                return new Generated(paymentId, key(p), truncated.getBytes(StandardCharsets.UTF_8), traceparent(),
                        Kind.MALFORMED, code, p.get("pan").asText());
            }
            case TOO_LARGE -> p.put("notes", "x".repeat(70 * 1024));
            case MISSING_FIELD -> p.remove("currency");
            case WRONG_TYPE -> p.put("amount_minor", p.get("amount_minor").asText());
            case BAD_PAYMENT_ID -> p.put("payment_id", "pay with spaces " + sequence);
            case BAD_MERCHANT_ID -> p.put("merchant_id", "merchant/" + sequence);
            case KEY_MISMATCH -> {
                return new Generated(paymentId, "someone-else".getBytes(StandardCharsets.UTF_8), bytes(p), traceparent(),
                        Kind.MALFORMED, code, p.get("pan").asText());
            }
            case BAD_TYPE -> p.put("type", "AUTHORIZATION");
            case BAD_AMOUNT -> p.put("amount_minor", 0);
            case BAD_CURRENCY -> p.put("currency", "ZZZ");
            case BAD_PAN -> {
                String pan = p.get("pan").asText();
                char last = pan.charAt(pan.length() - 1);
                p.put("pan", pan.substring(0, pan.length() - 1) + (char) ('0' + (last - '0' + 1) % 10));
            }
            case BAD_EXPIRY -> p.put("expiry", "13/29");
            case BAD_COUNTRY -> p.put("card_country", "ZZ");
            case BAD_DEVICE_ID -> p.put("device_id", "d".repeat(129));
            case BAD_EVENT_TIME -> p.put("event_time", "yesterday at noon");
            // A clock centuries ahead: in the future whatever day the test runs.
            case EVENT_TIME_IN_FUTURE -> p.put("event_time", "2999-12-31T00:00:00Z");
            case BAD_ORIGINAL_PAYMENT_ID -> {
                p.put("type", "PURCHASE");
                p.put("original_payment_id", "pay-earlier");
            }
            default -> throw new IllegalArgumentException("no generator for " + code);
        }
        return generated(p, Kind.MALFORMED, code);
    }

    private Generated generated(ObjectNode p, Kind kind, @Nullable RejectionCode code) {
        return new Generated(p.get("payment_id").asText(), key(p), bytes(p), traceparent(), kind, code, p.get("pan").asText());
    }

    private static byte[] key(ObjectNode p) {
        return p.get("merchant_id").asText().getBytes(StandardCharsets.UTF_8);
    }

    private String newCard() {
        int brand = random.nextInt(10);
        String prefix = brand < 6 ? "4" + (10000 + random.nextInt(89999)) : brand < 9 ? "5" + (10000 + random.nextInt(89999)) : "37" + (1000 + random.nextInt(8999));
        int length = brand == 9 ? 15 : 16;
        StringBuilder partial = new StringBuilder(prefix);
        while (partial.length() < length - 1) {
            partial.append(random.nextInt(10));
        }
        return partial.append(Luhn.checkDigitFor(partial)).toString();
    }

    /**
     * A random W3C traceparent that does not look like a card number. About one random trace id in
     * a few hundred holds a Luhn-valid run of 12 to 19 decimal digits, and the job masks it like
     * any header (no header is exempt); tests that check headers are carried unchanged need the
     * others, and a real tracer's ids are the same gamble.
     */
    private String traceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        String traceparent;
        do {
            random.nextBytes(trace);
            random.nextBytes(span);
            traceparent = "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
        } while (CardNumberDetector.containsCardNumber(traceparent));
        return traceparent;
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode parse(byte[] value) {
        try {
            return (ObjectNode) JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
