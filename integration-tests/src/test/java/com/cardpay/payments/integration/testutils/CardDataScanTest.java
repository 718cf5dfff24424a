package com.cardpay.payments.integration.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.CardDataScan.Encoding;
import com.cardpay.payments.integration.testutils.CardDataScan.Finding;
import com.cardpay.payments.integration.testutils.CardDataScan.Kind;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The detector of {@link CardDataScan}, without a cluster: every encoding, and what it must not flag. */
class CardDataScanTest {
    private static final String PAN = "4539148803436467";
    private static final String OTHER_LUHN_VALID = "5555555555554444";

    private static List<Finding> scan(CardDataScan scan, byte[] bytes) {
        return scan.scan("test", "item", bytes, true);
    }

    private static List<Finding> scan(byte[] bytes) {
        return scan(new CardDataScan(List.of(PAN)), bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsATestPanAndAnyLuhnValidRunInAscii() {
        assertThat(scan(ascii("{\"pan\":\"" + PAN + "\"} and " + OTHER_LUHN_VALID)))
                .extracting(Finding::kind, Finding::encoding, Finding::digits)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Kind.TEST_PAN, Encoding.ASCII, PAN),
                        org.assertj.core.groups.Tuple.tuple(Kind.LUHN_VALID_RUN, Encoding.ASCII, PAN),
                        org.assertj.core.groups.Tuple.tuple(Kind.LUHN_VALID_RUN, Encoding.ASCII, OTHER_LUHN_VALID));
    }

    @Test
    void findsATestPanInsideALongerDigitRunButTheLuhnCheckTakesMaximalRunsOnly() {
        assertThat(scan(ascii("00000" + PAN + "99999"))).extracting(Finding::kind).containsExactly(Kind.TEST_PAN);
    }

    @Test
    void findsTheTestPanInEveryEncoding() {
        String escaped = PAN.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
        String fullWidth = PAN.chars().mapToObj(c -> String.valueOf((char) (c - '0' + 0xFF10))).collect(Collectors.joining());
        assertThat(encodingsOfTestPan(ascii("x" + escaped + "x"))).containsExactly(Encoding.JSON_ESCAPED);
        assertThat(encodingsOfTestPan(ascii("x" + escaped.replace("\\", "\\\\") + "x"))).containsExactly(Encoding.JSON_ESCAPED);
        assertThat(encodingsOfTestPan(ascii("45" + escaped.substring(12)))).containsExactly(Encoding.JSON_ESCAPED);
        // Shifted by one byte, UTF-16 in one byte order reads as the other: both are reported.
        assertThat(encodingsOfTestPan(("x" + PAN).getBytes(StandardCharsets.UTF_16LE))).contains(Encoding.UTF_16LE);
        assertThat(encodingsOfTestPan((PAN + "x").getBytes(StandardCharsets.UTF_16BE))).contains(Encoding.UTF_16BE);
        assertThat(encodingsOfTestPan(ascii("pan " + fullWidth))).containsExactly(Encoding.FULLWIDTH);
        assertThat(encodingsOfTestPan(ascii("4539 1488-0343.6467"))).containsExactly(Encoding.GROUPED);
        String hex = PAN.chars().mapToObj(c -> String.format("%02x", c)).collect(Collectors.joining());
        assertThat(encodingsOfTestPan(ascii("reference=055f3f1" + hex + "2f"))).containsExactly(Encoding.HEX);
        assertThat(encodingsOfTestPan(ascii("reference=055f3f" + hex + "2f"))).containsExactly(Encoding.HEX);
        long asLong = Long.parseLong(PAN);
        assertThat(encodingsOfTestPan(ByteBuffer.allocate(12).putInt(7).putLong(asLong).array())).containsExactly(Encoding.INT64_BE);
        assertThat(encodingsOfTestPan(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putLong(asLong).array()))
                .containsExactly(Encoding.INT64_LE);
    }

    private static List<Encoding> encodingsOfTestPan(byte[] bytes) {
        return scan(bytes).stream().filter(f -> f.kind() == Kind.TEST_PAN).map(Finding::encoding).toList();
    }

    @Test
    void groupedRunsGetNoLuhnCheckButFullWidthOnesDo() {
        CardDataScan scan = new CardDataScan(List.of(PAN));
        assertThat(scan(scan, ascii("5555 5555 5555 4444 at 2026-11-24 06:58:31.537"))).isEmpty();
        String fullWidth = OTHER_LUHN_VALID.chars().mapToObj(c -> String.valueOf((char) (c - '0' + 0xFF10))).collect(Collectors.joining());
        assertThat(scan(scan, ascii(fullWidth))).extracting(Finding::kind, Finding::encoding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.LUHN_VALID_RUN, Encoding.FULLWIDTH));
    }

    @Test
    void ignoresShortRunsLongRunsAndLuhnInvalidOnes() {
        assertThat(scan(ascii("12345678901 | 4539148803436468 | 55555555555544440000"))).isEmpty();
    }

    @Test
    void findingsAndTheirContextShowNoCardNumber() {
        Finding f = scan(ascii("card " + PAN + " here")).get(0);
        assertThat(f.toString()).doesNotContain(PAN).contains("453914******6467").contains("************6467");
        String escaped = PAN.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
        Finding e = scan(ascii("card " + escaped)).get(0);
        assertThat(e.toString()).doesNotContain("\\u0034\\u0035");
    }

    @Test
    void allowancesExcuseLuhnValidRunsOnlyNeverTheTestPans() {
        Instant now = Instant.parse("2026-11-24T06:00:00Z");
        CardDataScan scan = new CardDataScan(List.of(PAN)).allowTestRunNoise(now.minusSeconds(3600), now.plusSeconds(3600));
        long millis = luhnValidNear(now.toEpochMilli());
        long micros = luhnValidNear(now.toEpochMilli() * 1000);
        assertThat(scan(scan, ascii("Triggering checkpoint 3 @ " + millis + " for job"))).isEmpty();
        assertThat(scan(scan, ascii("{\"time_micros\": " + micros + ", \"job\": 4}"))).isEmpty();
        assertThat(scan(scan, ascii("chk-15/240f005a-c4e5-49d5-bfb8-" + luhnValidNear(736801202090L) + ".sst"))).isEmpty();
        assertThat(scan(scan, ascii("id abcdef" + OTHER_LUHN_VALID + "abcdefab12 done"))).as("32 hex, with letters").isEmpty();
        assertThat(scan(scan, ascii("reference=055f3f18" + "ab".repeat(20) + OTHER_LUHN_VALID + "af7c"))).as("hex dump").isEmpty();
        String tmp = System.getProperty("java.io.tmpdir");
        assertThat(scan(scan, ascii("dir=file:" + tmp + "/junit-" + luhnValidNear(70614100000000000L) + "/x"))).isEmpty();
        assertThat(scan(scan, ascii("dir=file:" + tmp + "/junit-1234567/junit" + luhnValidNear(70614100000000000L) + "/, x")))
                .as("nested").isEmpty();
        assertThat(scan(scan, ascii("2026/11/24-07:01:44.603289 " + luhnValidNear(140199000002480L) + " RocksDB version")))
                .as("not a RocksDB LOG file").hasSize(1);
        assertThat(scan.scan("test", "db/LOG", ascii("x\n2026/11/24-07:01:44.603289 " + luhnValidNear(140199000002480L) + " RocksDB"), true))
                .as("RocksDB LOG thread id").isEmpty();
        assertThat(scan(scan, ascii("pan=" + OTHER_LUHN_VALID + " ok"))).hasSize(1);
        assertThat(scan(scan, ascii("id abcdef" + PAN + "abcdefab12 done"))).extracting(Finding::kind).containsExactly(Kind.TEST_PAN);
        assertThat(scan.allowed()).hasSize(9);
    }

    /** The first number from {@code start} on that passes the Luhn check. */
    private static long luhnValidNear(long start) {
        for (long n = start; ; n++) {
            if (!CardDataScanner.luhnValidRuns(Long.toString(n)).isEmpty()) {
                return n;
            }
        }
    }

    @Test
    void canariesAreWholeIds() {
        CardDataScan scan = new CardDataScan(List.of(PAN)).withCanaries("pay-", List.of("pay-a-1", "pay-a-12"));
        scan(scan, new byte[] {1, 'p', 'a', 'y', '-', 'a', '-', '1', '2', 0, 0});
        assertThat(scan.canariesFound("test")).containsExactly("pay-a-12");
    }

    @Test
    void tellsAnSstFileByItsFooter() {
        byte[] sst = new byte[64];
        ByteBuffer.wrap(sst).order(ByteOrder.LITTLE_ENDIAN).putLong(56, 0x88e241b785f4cff7L);
        assertThat(StateFiles.isSst(sst)).isTrue();
        assertThat(StateFiles.isSst(new byte[64])).isFalse();
    }
}
