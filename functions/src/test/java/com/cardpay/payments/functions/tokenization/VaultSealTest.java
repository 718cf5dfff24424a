package com.cardpay.payments.functions.tokenization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The vault record: PAN and expiry sealed with AES-256-GCM, bound to their card token. */
class VaultSealTest {
    private static final String PAN = Payments.PAN;
    private static final String EXPIRY = "09/28";

    private final TestKeyProvider keys = new TestKeyProvider(1);
    private final CardTokenizer tokenizer = new CardTokenizer(keys);
    private final MessageHeaders headers = Payments.headers("traceparent", "00-4bf92f3577b34da6-00f067aa0ba902b7-01");

    @Test
    void sealedCardOpensToThePanAndExpiry() throws Exception {
        VaultRecord record = seal(PAN);

        CardSecret secret = CardTokenizer.open(record, keys);

        assertThat(secret).isEqualTo(new CardSecret(PAN, EXPIRY));
    }

    @Test
    void vaultRecordNamesTokenAlgorithmKeysAndCarriesTheHeaders() throws Exception {
        CardTokenizer.Token token = tokenizer.tokenize(PAN);

        VaultRecord record = tokenizer.seal(token, PAN, EXPIRY, headers);

        assertThat(record.cardToken()).isEqualTo(token.value());
        assertThat(record.tokenKeyVersion()).isEqualTo(1);
        assertThat(record.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(record.wrappedDataKey()).isEqualTo(keys.dataKey().wrapped());
        assertThat(record.dataKeyVersion()).isEqualTo(1);
        assertThat(record.keyProvider()).isEqualTo(TestKeyProvider.NAME);
        assertThat(record.headers()).isEqualTo(headers);
        assertThat(Base64.getDecoder().decode(record.iv())).hasSize(12);
        // "PAN|MM/YY" plus the 16-byte GCM tag
        assertThat(Base64.getDecoder().decode(record.ciphertext())).hasSize(PAN.length() + 1 + EXPIRY.length() + 16);
    }

    @Test
    void ciphertextHoldsNoPanInClear() throws Exception {
        VaultRecord record = seal(PAN);

        String decoded = new String(Base64.getDecoder().decode(record.ciphertext()), StandardCharsets.ISO_8859_1);

        assertThat(decoded).doesNotContain(PAN).doesNotContain(PAN.substring(PAN.length() - 4) + "|");
        assertThat(record.ciphertext()).doesNotContain(PAN);
    }

    @Test
    void sealingTheSameCardTwiceUsesAFreshNonceAndCiphertext() throws Exception {
        VaultRecord first = seal(PAN);
        VaultRecord second = seal(PAN);

        assertThat(second.iv()).isNotEqualTo(first.iv());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
        assertThat(CardTokenizer.open(second, keys)).isEqualTo(CardTokenizer.open(first, keys));
    }

    @Test
    void tamperedCiphertextDoesNotOpen() throws Exception {
        VaultRecord record = seal(PAN);
        byte[] ciphertext = Base64.getDecoder().decode(record.ciphertext());
        ciphertext[3] ^= 0x01;
        VaultRecord tampered = withCiphertext(record, record.cardToken(), record.iv(), Base64.getEncoder().encodeToString(ciphertext));

        assertThatThrownBy(() -> CardTokenizer.open(tampered, keys))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(PAN);
    }

    @Test
    void tamperedNonceDoesNotOpen() throws Exception {
        VaultRecord record = seal(PAN);
        byte[] iv = Base64.getDecoder().decode(record.iv());
        iv[0] ^= 0x01;
        VaultRecord tampered = withCiphertext(record, record.cardToken(), Base64.getEncoder().encodeToString(iv), record.ciphertext());

        assertThatThrownBy(() -> CardTokenizer.open(tampered, keys)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ciphertextMovedToAnotherCardsTokenDoesNotOpen() throws Exception {
        VaultRecord victim = seal(PAN);
        VaultRecord other = seal("5555555555554444");
        VaultRecord moved = withCiphertext(victim, other.cardToken(), victim.iv(), victim.ciphertext());

        assertThatThrownBy(() -> CardTokenizer.open(moved, keys)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordSealedBeforeAKeyRotationStillOpensAfterIt() throws Exception {
        VaultRecord sealedUnderV1 = seal(PAN);

        keys.rotateTo(2);
        VaultRecord sealedUnderV2 = seal(PAN);

        assertThat(sealedUnderV2.dataKeyVersion()).isEqualTo(2);
        assertThat(sealedUnderV2.wrappedDataKey()).isNotEqualTo(sealedUnderV1.wrappedDataKey());
        assertThat(CardTokenizer.open(sealedUnderV1, keys)).isEqualTo(new CardSecret(PAN, EXPIRY));
        assertThat(CardTokenizer.open(sealedUnderV2, keys)).isEqualTo(new CardSecret(PAN, EXPIRY));
    }

    @Test
    void sealingWithoutADataKeyFails() throws Exception {
        CardTokenizer.Token token = tokenizer.tokenize(PAN);
        keys.setAvailable(false);

        assertThatThrownBy(() -> tokenizer.seal(token, PAN, EXPIRY, headers)).isInstanceOf(KeyUnavailableException.class);
    }

    private VaultRecord seal(String pan) throws KeyUnavailableException {
        return tokenizer.seal(tokenizer.tokenize(pan), pan, EXPIRY, headers);
    }

    private static VaultRecord withCiphertext(VaultRecord r, String cardToken, String iv, String ciphertext) {
        return new VaultRecord(cardToken, r.tokenKeyVersion(), r.algorithm(), iv, ciphertext, r.wrappedDataKey(),
                r.dataKeyVersion(), r.keyProvider(), r.headers());
    }
}
