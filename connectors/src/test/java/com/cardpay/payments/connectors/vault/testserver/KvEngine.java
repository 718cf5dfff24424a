package com.cardpay.payments.connectors.vault.testserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KV v2: secrets a test writes, and {@code GET /v1/<kv-mount>/data/<path>[?version=N]}; a missing
 * secret or version is {@code 404 {"errors":[]}}. Mount {@code secret} exists from the start.
 * Writes over HTTP are refused by {@link HttpCore} (read-only policy).
 */
final class KvEngine {
    private final Object lock;
    private final Clock clock;
    private final Map<String, Map<String, KvSecret>> mounts = new HashMap<>(); // guarded by lock

    KvEngine(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
        mounts.put(FakeVaultServer.DEFAULT_KV_MOUNT, new HashMap<>());
    }

    // ------------------------------------------------------------------------------------------
    // Control (see FakeVaultServer)
    // ------------------------------------------------------------------------------------------

    int putSecret(String mount, String path, Map<String, ?> data) {
        Args.requireText(path, "path");
        Map<String, Object> copy = new LinkedHashMap<>(data);
        synchronized (lock) {
            KvSecret secret = mounts.computeIfAbsent(Args.trimSlashes(mount), m -> new HashMap<>())
                    .computeIfAbsent(Args.trimSlashes(path), p -> new KvSecret());
            secret.versions.add(new KvVersion(secret.versions.size() + 1,
                    Collections.unmodifiableMap(copy), clock.instant()));
            return secret.versions.size();
        }
    }

    void deleteSecret(String mount, String path) {
        synchronized (lock) {
            Map<String, KvSecret> secrets = mounts.get(Args.trimSlashes(mount));
            if (secrets != null) {
                secrets.remove(Args.trimSlashes(path));
            }
        }
    }

    /** The mounts that exist now (lock held). */
    Set<String> mounts() {
        return mounts.keySet();
    }

    // ------------------------------------------------------------------------------------------
    // Endpoint (lock held)
    // ------------------------------------------------------------------------------------------

    Response read(Route route, String rawQuery) throws VaultError {
        int wanted = 0;
        String version = queryParam(rawQuery, "version");
        if (version != null && !version.isEmpty()) {
            try {
                wanted = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw new VaultError(400, "error converting input " + version + " for field \"version\"");
            }
        }
        KvSecret secret = mounts.getOrDefault(route.mount(), Map.of()).get(route.name());
        if (secret == null || secret.versions.isEmpty() || wanted < 0
                || wanted > secret.versions.size()) {
            throw new VaultError(404);
        }
        KvVersion v = secret.versions.get((wanted == 0 ? secret.versions.size() : wanted) - 1);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_time", v.created().toString());
        metadata.put("custom_metadata", null);
        metadata.put("deletion_time", "");
        metadata.put("destroyed", false);
        metadata.put("version", v.version());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data", v.data());
        data.put("metadata", metadata);
        return Response.ok(data, null, null, "kv");
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static final class KvSecret {
        final List<KvVersion> versions = new ArrayList<>();
    }

    private record KvVersion(int version, Map<String, Object> data, Instant created) {
    }
}
