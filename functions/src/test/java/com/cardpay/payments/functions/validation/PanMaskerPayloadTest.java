package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DLQ payload masking: the forms a card number can take in a broken record. */
class PanMaskerPayloadTest {

    @Test
    void aPanCutShortByATruncatedRecordIsMaskedWhole() {
        String payload = "{\"payment_id\":\"p-1\",\"pan\":\"41111111111";

        assertThat(PanMasker.maskPayload(payload)).isEqualTo("{\"payment_id\":\"p-1\",\"pan\":\"***********");
    }

    @Test
    void theExpiryIsNeverLeftInClear() {
        assertThat(PanMasker.maskPayload("{\"expiry\":\"12/29\",\"amount_minor\":100}"))
                .isEqualTo("{\"expiry\":\"*****\",\"amount_minor\":100}");
    }

    @Test
    void aPanGivenAsAJsonNumberIsMasked() {
        assertThat(PanMasker.maskPayload("{\"pan\": 4111111111111111, \"x\":1}")).isEqualTo("{\"pan\": ****************, \"x\":1}");
    }

    @Test
    void jsonEscapedDigitsAreUnescapedBeforeMasking() {
        String escaped = "{\"note\":\"\\u0034\\u0031\\u0031\\u0031111111111111\"}";

        assertThat(PanMasker.maskPayload(escaped)).isEqualTo("{\"note\":\"************1111\"}");
    }

    @Test
    void fullWidthDigitsAndDotOrSlashGroupsAreMasked() {
        assertThat(PanMasker.mask("card ４１１１１１１１１１１１１１１１")).isEqualTo("card ************1111");
        assertThat(PanMasker.mask("card 4111.1111.1111.1111")).isEqualTo("card ****.****.****.1111");
        assertThat(PanMasker.mask("card 4111/1111/1111/1111")).isEqualTo("card ****/****/****/1111");
    }

    @Test
    void aCardFieldNameThatIsNotAFieldDoesNotHideTheRealOnesAfterIt() {
        // "pan" and "expiry" as values and inside an escaped string, then as fields: the masker jumps from
        // name to name, so each candidate that is not a field must let the search go on.
        String payload = "{\"tags\":[\"pan\",\"expiry\"],\"note\":\"\\\"pan\\\"\",\"pan\":\"1234-5678\","
                + "\"x\":{\"expiry\" : 1229}}";

        assertThat(PanMasker.maskPayload(payload)).isEqualTo("{\"tags\":[\"pan\",\"expiry\"],\"note\":\"\\\"pan\\\"\","
                + "\"pan\":\"*********\",\"x\":{\"expiry\" : ****}}");
    }

    @Test
    void shortNumbersAndOtherFieldsAreLeftAlone() {
        String payload = "{\"amount_minor\":1000000000,\"event_time\":\"2026-11-24T10:15:30.123Z\",\"payment_id\":\"pan-1\"}";

        assertThat(PanMasker.maskPayload(payload)).isEqualTo(payload);
    }

    @Test
    void cardNumberDetectionNeedsALuhnValidRunOf12To19Digits() {
        assertThat(CardNumberDetector.containsCardNumber("dev-4111111111111111")).isTrue();
        assertThat(CardNumberDetector.containsCardNumber("dev-4111111111111112")).isFalse();
        assertThat(CardNumberDetector.containsCardNumber("dev-7f3a-1234")).isFalse();
    }

    @Test
    void jsonFormsReportedInReviewAreMasked() {
        // digit groups written with \/, digits as escaped full-width digits, the pan as an array of
        // groups, and card field names written with escapes
        String slashes = "{\"note\":\"4111\\/1111\\/1111\\/1111\"}";
        String fullWidth = "{\"x\":\"\\uFF14\\uFF11\\uFF11\\uFF11111111111111\"}";
        String array = "{\"pan\":[\"4111\",\"1111\",\"1111\",\"1111\"]}";
        String names = "{\"p\\u0061n\":\"4111111111111111\",\"expir\\u0079\":\"12/28\"}";

        assertThat(PanMasker.maskPayload(slashes)).isEqualTo("{\"note\":\"****\\/****\\/****\\/1111\"}");
        assertThat(PanMasker.maskPayload(fullWidth)).isEqualTo("{\"x\":\"************1111\"}");
        assertThat(PanMasker.maskPayload(array)).isEqualTo("{\"pan\":[******************]}".replace("[******************]",
                "[" + "*".repeat(array.length() - "{\"pan\":[]}".length()) + "]"));
        assertThat(PanMasker.maskPayload(names)).isEqualTo("{\"p\\u0061n\":\"****************\",\"expir\\u0079\":\"*****\"}");
    }
}
