package com.cardpay.payments.connectors.vault.testserver;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Transit: keys a test creates and rotates ({@link TransitKey}), and these endpoints:
 * <ul>
 *   <li>{@code POST /v1/<transit-mount>/datakey/(wrapped|plaintext)/<key>}: a fresh random data key
 *       (default 256 bits) encrypted under the key's latest version (or {@code key_version}).
 *   <li>{@code POST /v1/<transit-mount>/decrypt/<key>} with {@code {"ciphertext":"vault:vN:..."}}.
 *   <li>{@code POST /v1/<transit-mount>/keys/<key>/rotate}: 200 with the key description, as Vault
 *       1.10+ returns it ({@code data.latest_version}, {@code data.keys}, ...).
 *   <li>{@code GET /v1/<transit-mount>/keys/<key>}: the same key description.
 * </ul>
 * Mount {@code transit} exists from the start. Other key management over HTTP is refused by
 * {@link HttpCore} (no such policy).
 */
final class TransitEngine {
    private final Object lock;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Map<String, TransitKey>> mounts = new HashMap<>(); // guarded by lock

    TransitEngine(Object lock, Clock clock, SecureRandom random) {
        this.lock = lock;
        this.clock = clock;
        this.random = random;
        mounts.put(FakeVaultServer.DEFAULT_TRANSIT_MOUNT, new HashMap<>());
    }

    // ------------------------------------------------------------------------------------------
    // Control (see FakeVaultServer)
    // ------------------------------------------------------------------------------------------

    void createKey(String mount, String name) {
        Args.requireText(name, "name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("a transit key name has no '/': " + name);
        }
        synchronized (lock) {
            mounts.computeIfAbsent(Args.trimSlashes(mount), m -> new HashMap<>())
                    .computeIfAbsent(name, n -> {
                        TransitKey key = new TransitKey(n);
                        key.addVersion(random, clock.instant());
                        return key;
                    });
        }
    }

    int rotateKey(String mount, String name) {
        synchronized (lock) {
            TransitKey key = existingKey(mount, name);
            key.addVersion(random, clock.instant());
            return key.latestVersion();
        }
    }

    int latestVersion(String mount, String name) {
        synchronized (lock) {
            return existingKey(mount, name).latestVersion();
        }
    }

    void setMinDecryptionVersion(String mount, String name, int minVersion) {
        synchronized (lock) {
            TransitKey key = existingKey(mount, name);
            if (minVersion < 1 || minVersion > key.latestVersion()) {
                throw new IllegalArgumentException("min_decryption_version out of range: " + minVersion);
            }
            key.minDecryptionVersion = minVersion;
        }
    }

    byte[] decryptDirectly(String mount, String name, String ciphertext) {
        synchronized (lock) {
            TransitKey key = existingKey(mount, name);
            try {
                return key.decrypt(ciphertext);
            } catch (VaultError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    String encryptDirectly(String mount, String name, byte[] plaintext) {
        synchronized (lock) {
            TransitKey key = existingKey(mount, name);
            return key.encrypt(key.latestVersion(), plaintext, random);
        }
    }

    /** The mounts that exist now (lock held). */
    Set<String> mounts() {
        return mounts.keySet();
    }

    private TransitKey existingKey(String mount, String name) {
        Map<String, TransitKey> keys = mounts.get(Args.trimSlashes(mount));
        TransitKey key = keys == null ? null : keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no transit key " + mount + "/keys/" + name);
        }
        return key;
    }

    // ------------------------------------------------------------------------------------------
    // Endpoints (lock held)
    // ------------------------------------------------------------------------------------------

    Response datakey(Route route, Map<String, Object> body) throws VaultError {
        boolean plaintextAllowed = switch (route.extra()) {
            case "plaintext" -> true;
            case "wrapped" -> false;
            default -> throw new VaultError(400, "Invalid path, must be 'plaintext' or 'wrapped'");
        };
        TransitKey key = key(route);
        if (key == null) {
            throw new VaultError(400, "encryption key not found");
        }
        int bits = Json.intField(body, "bits", 256);
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new VaultError(400, "invalid bit length");
        }
        int version = Json.intField(body, "key_version", 0);
        if (version == 0) {
            version = key.latestVersion();
        } else if (version < 0 || version > key.latestVersion()) {
            throw new VaultError(400, "requested version for encryption is higher than the latest key version");
        }
        byte[] dataKey = new byte[bits / 8];
        random.nextBytes(dataKey);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ciphertext", key.encrypt(version, dataKey, random));
        data.put("key_version", version);
        if (plaintextAllowed) {
            data.put("plaintext", Base64.getEncoder().encodeToString(dataKey));
        }
        return Response.ok(data, null, null, "transit");
    }

    Response decrypt(Route route, Map<String, Object> body) throws VaultError {
        if (body.containsKey("batch_input")) {
            throw new VaultError(400, "batch_input is not supported by FakeVaultServer");
        }
        String ciphertext = Json.stringField(body, "ciphertext");
        if (ciphertext.isEmpty()) {
            throw new VaultError(400, "missing ciphertext to decrypt");
        }
        TransitKey key = key(route);
        if (key == null) {
            throw new VaultError(400, "encryption key not found");
        }
        byte[] plaintext = key.decrypt(ciphertext);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
        return Response.ok(data, null, null, "transit");
    }

    Response rotate(Route route) throws VaultError {
        TransitKey key = key(route);
        if (key == null) {
            throw new VaultError(400, "key not found");
        }
        key.addVersion(random, clock.instant());
        return Response.ok(key.describe(), null, null, "transit");
    }

    Response readKey(Route route) throws VaultError {
        TransitKey key = key(route);
        if (key == null) {
            throw new VaultError(404);
        }
        return Response.ok(key.describe(), null, null, "transit");
    }

    private TransitKey key(Route route) {
        return mounts.getOrDefault(route.mount(), Map.of()).get(route.name());
    }
}
