package com.cardpay.payments.connectors.vault.testserver;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@code aes256-gcm96} transit key: one independent AES-256 key per version. A ciphertext is
 * {@code vault:v<n>:} + base64(12-byte random nonce || AES-GCM ciphertext and 16-byte tag), like
 * Vault's, so ciphertexts of old versions still decrypt after a rotation and a tampered ciphertext
 * fails with {@code 400 cipher: message authentication failed}. Guarded by the server's lock.
 */
final class TransitKey {
    private static final int NONCE_BYTES = 12;
    private static final int GCM_TAG_BITS = 128;

    private final String name;
    private final List<byte[]> versions = new ArrayList<>();
    private final List<Instant> created = new ArrayList<>();
    int minDecryptionVersion = 1;

    TransitKey(String name) {
        this.name = name;
    }

    int latestVersion() {
        return versions.size();
    }

    void addVersion(SecureRandom random, Instant now) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        versions.add(key);
        created.add(now);
    }

    String encrypt(int version, byte[] plaintext, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(versions.get(version - 1), "AES"),
                    new GCMParameterSpec(GCM_TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vault's keysutil Policy.Decrypt checks, in Vault's order and with its messages. */
    byte[] decrypt(String value) throws VaultError {
        if (!value.startsWith("vault:v")) {
            throw new VaultError(400, "invalid ciphertext: no prefix");
        }
        String[] split = value.substring("vault:v".length()).split(":", 2);
        if (split.length != 2) {
            throw new VaultError(400, "invalid ciphertext: wrong number of fields");
        }
        int version;
        try {
            version = Integer.parseInt(split[0]);
        } catch (NumberFormatException e) {
            throw new VaultError(400, "invalid ciphertext: version number could not be decoded");
        }
        if (version == 0) {
            version = 1;
        }
        if (version > latestVersion()) {
            throw new VaultError(400, "invalid ciphertext: version is too new");
        }
        if (version < minDecryptionVersion) {
            throw new VaultError(400, "ciphertext or signature version is disallowed by policy (too old)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(split[1]);
        } catch (IllegalArgumentException e) {
            throw new VaultError(400, "invalid ciphertext: could not decode base64");
        }
        if (decoded.length < NONCE_BYTES) {
            throw new VaultError(400, "invalid ciphertext length");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(versions.get(version - 1), "AES"),
                    new GCMParameterSpec(GCM_TAG_BITS, decoded, 0, NONCE_BYTES));
            return cipher.doFinal(decoded, NONCE_BYTES, decoded.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new VaultError(400, "cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            // e.g. shorter than the tag: Go's GCM Open reports the same failure
            throw new VaultError(400, "cipher: message authentication failed");
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> keys = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        for (int i = 0; i < versions.size(); i++) {
            keys.put(Integer.toString(i + 1), created.get(i).getEpochSecond());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allow_plaintext_backup", false);
        d.put("auto_rotate_period", 0);
        d.put("deletion_allowed", false);
        d.put("derived", false);
        d.put("exportable", false);
        d.put("imported_key", false);
        d.put("keys", keys);
        d.put("latest_version", latestVersion());
        d.put("min_available_version", 0);
        d.put("min_decryption_version", minDecryptionVersion);
        d.put("min_encryption_version", 0);
        d.put("name", name);
        d.put("supports_decryption", true);
        d.put("supports_derivation", true);
        d.put("supports_encryption", true);
        d.put("supports_signing", false);
        d.put("type", "aes256-gcm96");
        return d;
    }
}
