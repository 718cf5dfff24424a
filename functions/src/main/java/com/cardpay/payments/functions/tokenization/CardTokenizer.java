package com.cardpay.payments.functions.tokenization;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.VaultRecord;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Turns a PAN into a card token and an envelope-encrypted vault record.
 *
 * <ul>
 *   <li>Token: {@code tok_v<version>_} + base64url(HMAC-SHA-256(tokenKey, PAN)). Deterministic for a
 *       PAN under one key version, so per-card state keys stay stable; base64url (not hex) so a
 *       token never looks like a card number.
 *   <li>Vault record: AES-256-GCM of {@code PAN|MM/YY} under the provider's data key, a random
 *       96-bit nonce, and the token as associated data, so a ciphertext cannot be moved to
 *       another token.
 * </ul>
 *
 * Not thread-safe (it reuses its {@link Mac} and {@link Cipher}); use one per task.
 */
public final class CardTokenizer {
    public static final String ALGORITHM = "AES-256-GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final KeyProvider keys;
    private final SecureRandom random = new SecureRandom();
    private final Mac mac;
    private final Cipher cipher;
    private int macKeyVersion = -1;

    public CardTokenizer(KeyProvider keys) {
        this.keys = keys;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks HmacSHA256 or AES/GCM", e);
        }
    }

    /** The token for a PAN under the current token key. */
    public Token tokenize(String pan) throws KeyUnavailableException {
        TokenKey key = keys.tokenKey();
        try {
            if (key.version() != macKeyVersion) {
                mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
                macKeyVersion = key.version();
            }
            byte[] digest = mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII));
            return new Token("tok_v" + key.version() + "_" + B64URL.encodeToString(digest), key.version());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    /** Seals PAN and expiry for the vault topic. */
    public VaultRecord seal(Token token, String pan, String expiry, MessageHeaders headers)
            throws KeyUnavailableException {
        DataKey dataKey = keys.dataKey();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey.plaintext(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(token.value().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal((pan + "|" + expiry).getBytes(StandardCharsets.US_ASCII));
            return new VaultRecord(token.value(), token.keyVersion(), ALGORITHM, B64.encodeToString(nonce),
                    B64.encodeToString(sealed), dataKey.wrapped(), dataKey.version(), keys.name(), headers);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Opens a vault record: for the detokenize tool and tests, never for the pipeline. */
    public static CardSecret open(VaultRecord record, KeyProvider keys) throws KeyUnavailableException {
        byte[] dataKey = keys.unwrapDataKey(record.wrappedDataKey());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, B64_DECODER.decode(record.iv())));
            cipher.updateAAD(record.cardToken().getBytes(StandardCharsets.UTF_8));
            String plain = new String(cipher.doFinal(B64_DECODER.decode(record.ciphertext())), StandardCharsets.US_ASCII);
            int bar = plain.indexOf('|');
            return new CardSecret(plain.substring(0, bar), plain.substring(bar + 1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault record for " + record.cardToken() + " does not decrypt", e);
        }
    }

    /** A card token and the version of the key that made it. */
    public record Token(String value, int keyVersion) {}
}
