package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.validation.CardPayment;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PaymentValidator;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code payments.raw} record as bytes, which {@link RawPaymentReader} reads before any field
 * rule: size, encoding, exactly one JSON object, strictly parsed, and messages that never quote the
 * record. (The field rules are {@code PaymentValidator}'s, tested in {@code functions}.)
 */
class RawPaymentReaderTest {

    // --- TOO_LARGE ---------------------------------------------------------------------------

    @Test
    void recordOneByteOver64KibIsTooLarge() {
        byte[] value = Payments.raw().paddedTo(PaymentValidator.MAX_RECORD_BYTES + 1).bytes();

        InvalidPaymentException e = rejectionOf(value, Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.TOO_LARGE);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).contains("65537");
    }

    @Test
    void sizeIsCheckedBeforeTheRecordIsParsed() {
        byte[] value = "{".repeat(PaymentValidator.MAX_RECORD_BYTES + 1).getBytes(StandardCharsets.US_ASCII);

        assertThat(rejectionOf(value, Payments.key("m-1")).code()).isEqualTo(RejectionCode.TOO_LARGE);
    }

    @Test
    void recordOfExactly64KibIsAccepted() throws Exception {
        byte[] value = Payments.raw().paddedTo(PaymentValidator.MAX_RECORD_BYTES).bytes();

        CardPayment payment = RawRecords.readAndValidate(value, Payments.key("m-1"));

        assertThat(value).hasSize(64 * 1024);
        assertThat(payment.paymentId()).isEqualTo("pay-0001");
    }

    // --- INVALID_JSON ------------------------------------------------------------------------

    static Stream<Arguments> notOneJsonObject() {
        String json = Payments.raw().json();
        String body = json.substring(0, json.length() - 1);
        return Stream.of(
                Arguments.of("syntax error after the PAN", body),
                Arguments.of("missing comma", json.replace(",\"expiry\"", " \"expiry\"")),
                Arguments.of("plain text", "card 4111111111111111 declined"),
                Arguments.of("empty value", ""),
                Arguments.of("only whitespace", "  \n "),
                Arguments.of("array holding the payment", "[" + json + "]"),
                Arguments.of("string", "\"pay-0001\""),
                Arguments.of("number", "4111111111111111"),
                Arguments.of("null", "null"),
                Arguments.of("duplicate amount_minor", body + ",\"amount_minor\":99999}"),
                Arguments.of("duplicate pan", body + ",\"pan\":\"5555555555554444\"}"),
                Arguments.of("second object after the first", json + json),
                Arguments.of("garbage after the object", json + " x"),
                Arguments.of("closing bracket after the object", json + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonObject")
    void valueThatIsNotExactlyOneJsonObjectIsInvalidJson(String description, String value) {
        InvalidPaymentException e = rejectionOf(value.getBytes(StandardCharsets.UTF_8), Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).doesNotContain("5555555555554444");
    }

    @Test
    void whitespaceAfterTheObjectIsNotTrailingContent() throws Exception {
        byte[] value = (Payments.raw().json() + " \n").getBytes(StandardCharsets.UTF_8);

        CardPayment payment = RawRecords.readAndValidate(value, Payments.key("m-1"));

        assertThat(payment.paymentId()).isEqualTo("pay-0001");
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("0xFF byte", new byte[] {(byte) 0xFF}),
                Arguments.of("lead byte without continuation", new byte[] {(byte) 0xC3, '('}),
                Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8InsideAStringIsInvalidJson(String description, byte[] badBytes) {
        byte[] value = spliceIntoDeviceId(badBytes);

        InvalidPaymentException e = rejectionOf(value, Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.field()).isNull();
    }

    @Test
    void unparseableRecordReportsNoIds() {
        InvalidPaymentException e = rejectionOf("{\"payment_id\":\"pay-0001\",".getBytes(StandardCharsets.UTF_8), Payments.key("m-1"));

        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
        assertThat(e.paymentId()).isNull();
        assertThat(e.merchantId()).isNull();
    }

    @Test
    void aUtf16OrUtf32RecordIsNotUtf8JsonThoughJacksonCouldReadIt() {
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32"))) {
            byte[] value = Payments.raw().json().getBytes(charset);

            assertThatThrownBy(() -> RawRecords.readAndValidate(value, Payments.key("m-1")))
                    .isInstanceOfSatisfying(InvalidPaymentException.class, e -> {
                        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_JSON);
                        assertThat(e.getMessage()).contains("UTF-8");
                    });
        }
    }

    // --- the fields it gives ----------------------------------------------------------------

    @Test
    void fieldsComeAsTheJsonHeldThemAndNeverPrintTheirValues() throws Exception {
        byte[] value = Payments.raw().with("amount_minor", new java.math.BigInteger("18446744073709551616"))
                .with("risk", 0.25).with("tags", List.of("a")).with("vip", true).bytes();

        var fields = new RawPaymentReader().read(value);

        assertThat(fields.get("pan")).isEqualTo(Payments.PAN);
        assertThat(fields.get("amount_minor")).isEqualTo(new java.math.BigInteger("18446744073709551616"));
        assertThat(fields.get("risk")).isEqualTo(0.25);
        assertThat(fields.get("tags")).isEqualTo(List.of("a"));
        assertThat(fields.get("vip")).isEqualTo(true);
        assertThat(fields.get("absent")).isNull();
        assertThat(fields.toString()).doesNotContain(Payments.PAN).doesNotContain("4111");
    }

    /** Reads and validates, expects a rejection, and checks that its message does not quote the PAN. */
    private static InvalidPaymentException rejectionOf(byte[] value, byte[] key) {
        InvalidPaymentException e = catchThrowableOfType(InvalidPaymentException.class,
                () -> RawRecords.readAndValidate(value, key));
        assertThat(e).as("the record must be rejected").isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain(Payments.PAN);
        return e;
    }

    private static byte[] spliceIntoDeviceId(byte[] badBytes) {
        String[] parts = Payments.raw().with("device_id", "dev-@").json().split("@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(badBytes);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
