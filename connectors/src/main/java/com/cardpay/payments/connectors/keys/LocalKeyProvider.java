package com.cardpay.payments.connectors.keys;

import com.cardpay.payments.functions.tokenization.DataKey;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.tokenization.TokenKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Development keys: the token key and the key-encryption key are derived from constants in this
 * source file, so anyone can recompute them. Tokens are stable across runs, which makes local runs
 * and tests reproducible. Never use it for real card data; the job logs a warning when it is chosen.
 */
public final class LocalKeyProvider implements KeyProvider {
    public static final String NAME = "local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeyProvider.class);
    private static final String WRAP_PREFIX = "local:v1:";
    private static final int KEY_VERSION = 1;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final TokenKey tokenKey;
    private final byte[] keyEncryptionKey;
    private final DataKey dataKey;
    private final SecureRandom random = new SecureRandom();

    public LocalKeyProvider() {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("Tokenization uses the LOCAL key provider: its keys are public development constants. "
                    + "It is not for production card data; set tokenization.key-provider=vault there.");
        }
        this.tokenKey = new TokenKey(KEY_VERSION, sha256("cardpay-payments/local/token-key/v1"));
        this.keyEncryptionKey = sha256("cardpay-payments/local/key-encryption-key/v1");
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        this.dataKey = new DataKey(plaintext, wrap(plaintext), KEY_VERSION);
    }

    /** A factory for the job graph. */
    public static KeyProviderFactory factory() {
        return metrics -> new LocalKeyProvider();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenKey tokenKey() {
        return tokenKey;
    }

    @Override
    public DataKey dataKey() {
        return dataKey;
    }

    @Override
    public byte[] unwrapDataKey(String wrapped) throws KeyUnavailableException {
        if (!wrapped.startsWith(WRAP_PREFIX)) {
            throw new KeyUnavailableException("data key was not wrapped by the local provider");
        }
        ByteBuffer sealed = ByteBuffer.wrap(Base64.getDecoder().decode(wrapped.substring(WRAP_PREFIX.length())));
        byte[] nonce = new byte[12];
        sealed.get(nonce);
        byte[] ciphertext = new byte[sealed.remaining()];
        sealed.get(ciphertext);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"), new GCMParameterSpec(128, nonce));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("local data key does not unwrap", e);
        }
    }

    private String wrap(byte[] plaintext) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"), new GCMParameterSpec(128, nonce));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return WRAP_PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public void close() {}
}
