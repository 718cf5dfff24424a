package com.cardpay.payments.tools.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.features.BucketRing;
import com.cardpay.payments.functions.fraud.features.CardActivity;
import com.cardpay.payments.functions.fraud.features.MerchantProfile;
import com.cardpay.payments.functions.fraud.features.RecentValues;
import com.cardpay.payments.functions.settlement.EmittedWindow;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementTotals;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.state.ttl.TtlValue;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

class StateJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesRecordsPojosTtlValuesAndMapsAsJson() throws Exception {
        JsonNode line = JSON.readTree(StateJson.line("m-1", "seen-payment-ids", true, "pay-1",
                new TtlValue<>(42L, Instant.parse("2026-11-24T10:00:00.123Z").toEpochMilli())));
        assertThat(line.toString()).isEqualTo("{\"key\":\"m-1\",\"state\":\"seen-payment-ids\",\"entry\":\"pay-1\","
                + "\"value\":{\"userValue\":42,\"lastAccessTimestamp\":\"2026-11-24T10:00:00.123Z\"}}");

        SettlementTotals totals = new SettlementTotals(new SettlementAmounts(3, 1200, 1, 100, 0, 0, 2, 5000), false,
                "Europe/Berlin");
        assertThat(StateJson.of(totals)).isEqualTo("{\"amounts\":{\"purchaseCount\":3,\"grossMinor\":1200,\"refundCount\":1,"
                + "\"refundMinor\":100,\"chargebackCount\":0,\"chargebackMinor\":0,\"declinedCount\":2,\"declinedMinor\":5000},"
                + "\"overflowed\":false,\"timeZone\":\"Europe/Berlin\"}");
        // a window opened before zones: the field's default, as FixtureRestoreITCase reads it from fixture 0.1.0
        assertThat(StateJson.of(new SettlementTotals(SettlementAmounts.ZERO, false))).endsWith(",\"timeZone\":null}");
        assertThat(StateJson.of(Map.of(1L, "a"))).isEqualTo("[{\"k\":1,\"v\":\"a\"}]");
        assertThat(StateJson.of(new long[] {1, -2, 3})).isEqualTo("[1e0,-2e0,3e0]");
        assertThat(JSON.readTree(StateJson.of(new long[] {1, -2, 3})).get(1).asLong()).isEqualTo(-2);
    }

    @Test
    void writesLongNumbersSoThatNoneReadsAsACardNumber() {
        long time = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        assertThat(StateJson.of(time)).isEqualTo("\"2026-11-24T10:00:00Z\"");
        assertThat(StateJson.of(Long.MIN_VALUE)).isEqualTo("\"base64url:gAAAAAAAAAA:long\"");
        long hash = -3458764513820540928L;
        String written = StateJson.of(hash);
        assertThat(written).startsWith("\"base64url:");
        assertThat(ByteBuffer.wrap(Base64.getUrlDecoder().decode(written.split(":")[1])).getLong())
                .isEqualTo(hash);
        assertThat(StateJson.of(99_999_999_999L)).isEqualTo("99999999999");
        assertThat(StateJson.of(2345.6666666666665)).isEqualTo("2345.67");
        assertThat(StateJson.of(new double[] {2345.6666666666665, 0.5})).isEqualTo("[2.34567e+03,5e-01]");
        assertThat(StateJson.of(1.5e15)).isEqualTo("1.5e+15");
    }

    /** The invariant the gate relies on: no number, alone or beside its neighbours, makes a run of 12 digits. */
    @Test
    void noDigitRunOfTheJobsStateReachesTwelveDigits() throws Exception {
        Random random = new Random(2026);
        for (int i = 0; i < 1_000; i++) {
            for (Object value : List.of(cardActivity(random), merchantProfile(random), emittedWindow(random),
                    new TtlValue<>(random.nextLong(), anyLong(random)), anyLong(random), random.nextDouble() * anyLong(random))) {
                String line = StateJson.line("k-" + i, "some-state", true, anyLong(random), value);
                JSON.readTree(line);
                assertThat(CardNumberDetector.digitChains(line)).as(line).allSatisfy(chain -> assertThat(chain.length()).isLessThan(12));
                assertThat(CardNumberDetector.containsCardNumber(line)).as(line).isFalse();
            }
        }
    }

    @Test
    void stringsAreWrittenAsTheyAreSoThatTheGateSeesACardNumberInOne() {
        assertThat(CardNumberDetector.containsCardNumber(StateJson.line("m-1", "s", false, null, "4111 1111 1111 1111"))).isTrue();
        assertThat(CardNumberDetector.containsCardNumber(StateJson.line("4111111111111111", "s", false, null, 1))).isTrue();
    }

    private static CardActivity cardActivity(Random random) {
        CardActivity a = new CardActivity();
        a.shortWindow = ring(random);
        a.mediumWindow = ring(random);
        a.longWindow = ring(random);
        a.merchants = new RecentValues();
        a.merchants.values = new String[] {"m-1", "m-22"};
        a.merchants.lastSeen = new long[] {anyLong(random), anyLong(random)};
        a.merchantCountries = new RecentValues();
        a.smallPurchaseTimes = longs(random, 8);
        a.recentEventTimes = longs(random, 8);
        return a;
    }

    private static BucketRing ring(Random random) {
        BucketRing ring = new BucketRing();
        ring.head = random.nextBoolean() ? Long.MIN_VALUE : anyLong(random);
        ring.slots = 60;
        ring.bucketMillis = 60_000;
        ring.buckets = longs(random, 60);
        ring.counts = longs(random, 60);
        ring.amounts = longs(random, 60);
        return ring;
    }

    private static MerchantProfile merchantProfile(Random random) {
        MerchantProfile p = new MerchantProfile();
        p.currencies = new String[] {"EUR", "USD"};
        p.means = new double[] {random.nextDouble() * 1e6, random.nextGaussian()};
        p.variances = new double[] {random.nextDouble() * anyLong(random), random.nextDouble() / 1e9};
        p.counts = longs(random, 2);
        p.lastSeen = longs(random, 2);
        p.purchases = random.nextDouble() * 1e4;
        p.decayedAt = anyLong(random);
        return p;
    }

    private static EmittedWindow emittedWindow(Random random) {
        SettlementTotals totals = new SettlementTotals(new SettlementAmounts(anyLong(random), anyLong(random), anyLong(random),
                anyLong(random), anyLong(random), anyLong(random), anyLong(random), anyLong(random)), random.nextBoolean());
        return new EmittedWindow(random.nextInt(100), totals, anyLong(random), totals, anyLong(random));
    }

    private static long[] longs(Random random, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = anyLong(random);
        }
        return out;
    }

    /** Any magnitude, 1 to 19 digits, either sign, times of this century included. */
    private static long anyLong(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() + random.nextInt(Integer.MAX_VALUE);
            default -> (random.nextBoolean() ? 1 : -1) * (long) Math.pow(10, random.nextInt(19)) * (1 + random.nextInt(9))
                    + random.nextInt(1_000_000);
        };
    }
}
