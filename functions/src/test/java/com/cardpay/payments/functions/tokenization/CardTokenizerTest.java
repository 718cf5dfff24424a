package com.cardpay.payments.functions.tokenization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.TestKeyProvider;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/** Card tokens: deterministic per PAN and key version, and never shaped like a card number. */
class CardTokenizerTest {
    private static final String TOKEN_FORMAT = "tok_v%d_[A-Za-z0-9_-]{43}";

    private final TestKeyProvider keys = new TestKeyProvider(1);
    private final CardTokenizer tokenizer = new CardTokenizer(keys);

    @Test
    void samePanUnderTheSameKeyVersionGetsTheSameTokenInEveryTask() throws Exception {
        CardTokenizer otherTask = new CardTokenizer(new TestKeyProvider(1));

        CardTokenizer.Token first = tokenizer.tokenize(Payments.PAN);
        CardTokenizer.Token again = tokenizer.tokenize(Payments.PAN);
        CardTokenizer.Token elsewhere = otherTask.tokenize(Payments.PAN);

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
    }

    @Test
    void tokenIsTheBase64UrlHmacOfThePanUnderTheTokenKey() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestKeyProvider.tokenKeyBytes(1), "HmacSHA256"));
        String expected = "tok_v1_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(Payments.PAN.getBytes(StandardCharsets.US_ASCII)));

        CardTokenizer.Token token = tokenizer.tokenize(Payments.PAN);

        assertThat(token.value()).isEqualTo(expected);
        assertThat(token.keyVersion()).isEqualTo(1);
    }

    @Test
    void differentPansGetDifferentTokens() throws Exception {
        Set<String> tokens = new HashSet<>();

        for (int i = 0; i < 2_000; i++) {
            tokens.add(tokenizer.tokenize(Payments.luhnValidPan("411111", 16, i)).value());
        }

        assertThat(tokens).hasSize(2_000);
    }

    @Test
    void tokenHasTheVersionedFormatAndNeverLooksLikeACardNumber() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            String pan = Payments.luhnValidPan("5", 12 + i % 8, 31L * i);

            String token = tokenizer.tokenize(pan).value();

            assertThat(token).matches(String.format(TOKEN_FORMAT, 1)).doesNotContainPattern(Payments.PAN_LIKE);
        }
    }

    @Test
    void newTokenKeyVersionGivesANewTokenWithTheNewVersionPrefix() throws Exception {
        CardTokenizer.Token v1 = tokenizer.tokenize(Payments.PAN);

        keys.rotateTo(2);
        CardTokenizer.Token v2 = tokenizer.tokenize(Payments.PAN);

        assertThat(v2.keyVersion()).isEqualTo(2);
        assertThat(v2.value()).matches(String.format(TOKEN_FORMAT, 2));
        assertThat(v2.value().substring("tok_v2_".length())).isNotEqualTo(v1.value().substring("tok_v1_".length()));
    }

    @Test
    void rotatingBackToAnOlderVersionGivesItsTokensAgain() throws Exception {
        CardTokenizer.Token v1 = tokenizer.tokenize(Payments.PAN);
        keys.rotateTo(2);
        tokenizer.tokenize(Payments.PAN);

        keys.rotateTo(1);
        CardTokenizer.Token v1Again = tokenizer.tokenize(Payments.PAN);

        assertThat(v1Again).isEqualTo(v1);
    }

    @Test
    void tokenizingWithoutAKeyFails() {
        keys.setAvailable(false);

        assertThatThrownBy(() -> tokenizer.tokenize(Payments.PAN)).isInstanceOf(KeyUnavailableException.class);
    }
}
