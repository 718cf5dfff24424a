package com.cardpay.payments.functions.testutils;

import com.cardpay.payments.functions.tokenization.DataKey;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.tokenization.TokenKey;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory {@link KeyProvider} with fixed, publicly known keys: a 32-byte token key and a
 * 32-byte data key per version, both derived from the version number. Data keys are wrapped with
 * AES-GCM under a fixed key-encryption key, as {@code test:v<version>:<base64(nonce|ciphertext)>}.
 *
 * <p>Tests can rotate the key version ({@link #rotateTo(int)}) and simulate an unreachable key
 * system ({@link #setAvailable(boolean)}). For tests only.
 */
public final class TestKeyProvider implements KeyProvider {
    public static final String NAME = "test";
    private static final String WRAP_PREFIX = "test:v";
    private static final byte[] KEY_ENCRYPTION_KEY = filled(0x5a);

    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, DataKey> dataKeys = new HashMap<>();
    private int version;
    private boolean available = true;

    /** Keys of version 1. */
    public TestKeyProvider() {
        this(1);
    }

    public TestKeyProvider(int version) {
        rotateTo(version);
    }

    /** Makes {@code version} the current token key and data key version. */
    public TestKeyProvider rotateTo(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("key versions start at 1");
        }
        this.version = version;
        return this;
    }

    /** When false, every call fails with {@link KeyUnavailableException}. */
    public TestKeyProvider setAvailable(boolean available) {
        this.available = available;
        return this;
    }

    public int version() {
        return version;
    }

    /** The token (HMAC) key bytes of a version; a copy. */
    public static byte[] tokenKeyBytes(int version) {
        return filled(0x10 + version);
    }

    /** The plaintext data key bytes of a version; a copy. */
    public static byte[] dataKeyBytes(int version) {
        return filled(0x80 + version);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenKey tokenKey() throws KeyUnavailableException {
        checkAvailable();
        return new TokenKey(version, tokenKeyBytes(version));
    }

    @Override
    public DataKey dataKey() throws KeyUnavailableException {
        checkAvailable();
        return dataKeys.computeIfAbsent(version, v -> new DataKey(dataKeyBytes(v), wrap(v, dataKeyBytes(v)), v));
    }

    @Override
    public byte[] unwrapDataKey(String wrapped) throws KeyUnavailableException {
        checkAvailable();
        int colon = wrapped.indexOf(':', WRAP_PREFIX.length());
        if (!wrapped.startsWith(WRAP_PREFIX) || colon < 0) {
            throw new KeyUnavailableException("data key was not wrapped by the test provider");
        }
        ByteBuffer sealed = ByteBuffer.wrap(Base64.getDecoder().decode(wrapped.substring(colon + 1)));
        byte[] nonce = new byte[12];
        sealed.get(nonce);
        byte[] ciphertext = new byte[sealed.remaining()];
        sealed.get(ciphertext);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY_ENCRYPTION_KEY, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(wrapped.substring(0, colon + 1).getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("test data key does not unwrap", e);
        }
    }

    @Override
    public void close() {}

    private String wrap(int version, byte[] plaintext) {
        String prefix = WRAP_PREFIX + version + ":";
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY_ENCRYPTION_KEY, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(prefix.getBytes(StandardCharsets.US_ASCII));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return prefix + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private void checkAvailable() throws KeyUnavailableException {
        if (!available) {
            throw new KeyUnavailableException("test key provider is switched off");
        }
    }

    private static byte[] filled(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + 7 * i);
        }
        return key;
    }

    @Override
    public String toString() {
        return "TestKeyProvider[version=" + version + ", available=" + available + "]";
    }
}
