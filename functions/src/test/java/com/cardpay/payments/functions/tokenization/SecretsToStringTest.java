package com.cardpay.payments.functions.tokenization;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.validation.CardPayment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Whatever ends up in a log line: no PAN, no expiry, no key material. */
class SecretsToStringTest {
    private static final String PAN = Payments.PAN;
    private static final String EXPIRY = "09/28";

    @Test
    void cardPaymentShowsOnlyTheLastFourDigits() {
        CardPayment payment = new CardPayment("pay-0001", "m-1", PaymentType.PURCHASE, 1250L, "EUR", PAN, EXPIRY,
                "DE", "FR", "DE", "dev-7f3a", Payments.EVENT_TIME_MILLIS, null);

        String text = payment.toString();

        assertThat(text).doesNotContain(PAN).doesNotContain(EXPIRY).doesNotContainPattern(Payments.PAN_LIKE)
                .contains("************1111").contains("pay-0001");
    }

    @Test
    void shortPanIsMaskedWhole() {
        assertThat(CardPayment.maskedPan("1234")).isEqualTo("****");
    }

    @Test
    void cardSecretShowsOnlyTheLastFourDigits() {
        String text = new CardSecret(PAN, EXPIRY).toString();

        assertThat(text).doesNotContain(PAN).doesNotContain(EXPIRY).doesNotContainPattern(Payments.PAN_LIKE);
    }

    @Test
    void tokenKeyHidesItsSecret() {
        byte[] secret = TestKeyProvider.tokenKeyBytes(3);

        String text = new TokenKey(3, secret).toString();

        assertThat(text).contains("version=3");
        assertNoKeyBytes(text, secret);
    }

    @Test
    void dataKeyHidesItsPlaintext() {
        byte[] plaintext = TestKeyProvider.dataKeyBytes(3);

        String text = new DataKey(plaintext, "test:v3:wrapped", 3).toString();

        assertThat(text).contains("version=3");
        assertNoKeyBytes(text, plaintext);
    }

    @Test
    void vaultRecordShowsNeitherCiphertextNorWrappedKeyNorPan() throws Exception {
        TestKeyProvider keys = new TestKeyProvider();
        CardTokenizer tokenizer = new CardTokenizer(keys);
        VaultRecord record = tokenizer.seal(tokenizer.tokenize(PAN), PAN, EXPIRY, Payments.headers("traceparent", "t"));

        String text = record.toString();

        assertThat(text).contains(record.cardToken())
                .doesNotContain(PAN).doesNotContainPattern(Payments.PAN_LIKE)
                .doesNotContain(record.ciphertext()).doesNotContain(record.iv()).doesNotContain(record.wrappedDataKey());
        assertNoKeyBytes(text, TestKeyProvider.dataKeyBytes(1));
    }

    private static void assertNoKeyBytes(String text, byte[] key) {
        assertThat(text)
                .doesNotContain(HexFormat.of().formatHex(key))
                .doesNotContain(HexFormat.of().withUpperCase().formatHex(key))
                .doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .doesNotContain(Arrays.toString(key))
                .doesNotContain("[B@");
    }
}
