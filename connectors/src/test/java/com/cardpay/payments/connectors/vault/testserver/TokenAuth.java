package com.cardpay.payments.connectors.vault.testserver;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Token auth: the store of every token the server issued (by login, by a test, the root token),
 * against which each request is checked, and the token's own endpoints:
 * <ul>
 *   <li>{@code POST /v1/auth/token/renew-self} (optional {@code {"increment": 3600 | "1h"}}): 200
 *       with the new lease in {@code auth.lease_duration}, capped at the token's max TTL with Vault's
 *       warning; {@code 400 lease is not renewable} for a non-renewable token.
 *   <li>{@code GET /v1/auth/token/lookup-self}: 200 with {@code data.ttl}, {@code expire_time},
 *       {@code policies}, {@code renewable}, {@code id}, ...
 * </ul>
 * TTLs run on the server's clock. The control calls take the server's lock; everything else is
 * called with it held.
 */
final class TokenAuth {
    private final Object lock;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, TokenEntry> tokens = new HashMap<>(); // guarded by lock

    TokenAuth(Object lock, Clock clock, SecureRandom random) {
        this.lock = lock;
        this.clock = clock;
        this.random = random;
    }

    // ------------------------------------------------------------------------------------------
    // Control (see FakeVaultServer)
    // ------------------------------------------------------------------------------------------

    String issue(Duration ttl, boolean renewable, Duration maxTtl, String... policies) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        List<String> pols = new ArrayList<>(List.of(policies));
        pols.add("default");
        synchronized (lock) {
            return create(ttl, maxTtl == null ? FakeVaultServer.SYSTEM_MAX_TTL : maxTtl, renewable, maxTtl,
                    sortedUnique(pols), null, "auth/token/create", "token", false).id;
        }
    }

    void revoke(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            if (entry != null) {
                entry.revoked = true;
            }
        }
    }

    boolean isLive(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            return entry != null && entry.isLive(clock.instant());
        }
    }

    Optional<Instant> expiry(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            return entry == null ? Optional.empty() : Optional.ofNullable(entry.expireTime);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Store (lock held)
    // ------------------------------------------------------------------------------------------

    /** Issues a token; a TTL above a non-zero max TTL is cut to it, a null or zero TTL never expires. */
    TokenEntry create(Duration ttl, Duration maxTtl, boolean renewable,
            Duration explicitMaxTtl, List<String> policies, Map<String, String> metadata, String path,
            String displayName, boolean orphan) {
        Instant now = clock.instant();
        if (ttl != null && maxTtl != null && !maxTtl.isZero() && ttl.compareTo(maxTtl) > 0) {
            ttl = maxTtl;
        }
        TokenEntry entry = new TokenEntry("hvs." + randomString(24), randomString(24),
                policies, metadata, path, displayName, now,
                ttl == null || ttl.isZero() ? Duration.ZERO : ttl, maxTtl, explicitMaxTtl,
                renewable, orphan, metadata == null ? "" : UUID.randomUUID().toString());
        entry.expireTime = ttl == null || ttl.isZero() ? null : now.plus(ttl);
        tokens.put(entry.id, entry);
        return entry;
    }

    /** The entry of a token that is live now, or null (also for null or empty). */
    TokenEntry live(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        TokenEntry entry = tokens.get(token);
        return entry != null && entry.isLive(clock.instant()) ? entry : null;
    }

    /** Whether this server ever issued {@code value} as a token (for redaction). */
    boolean isIssued(String value) {
        return tokens.containsKey(value);
    }

    // ------------------------------------------------------------------------------------------
    // Endpoints (lock held)
    // ------------------------------------------------------------------------------------------

    Response renewSelf(TokenEntry token, Map<String, Object> body) throws VaultError {
        if (!token.renewable || token.expireTime == null) {
            throw new VaultError(400, "lease is not renewable");
        }
        Duration increment = GoDurations.parseIncrement(body.get("increment"));
        Instant now = clock.instant();
        Duration ttl = increment.isZero() ? token.creationTtl : increment;
        Duration maxValid = Duration.between(now, token.issueTime.plus(token.maxTtl));
        maxValid = Duration.ofSeconds(maxValid.toSeconds());
        if (maxValid.isZero() || maxValid.isNegative()) {
            throw new VaultError(400, "past the max TTL, cannot renew");
        }
        List<String> warnings = new ArrayList<>();
        if (ttl.compareTo(maxValid) > 0) {
            warnings.add(GoDurations.cappedWarning(ttl, maxValid));
            ttl = maxValid;
        }
        token.expireTime = now.plus(ttl);
        token.lastRenewal = now;
        return Response.ok(null, authBlock(token, ttl.toSeconds()), warnings, "token");
    }

    Response lookupSelf(TokenEntry token) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accessor", token.accessor);
        data.put("creation_time", token.issueTime.getEpochSecond());
        data.put("creation_ttl", token.creationTtl.toSeconds());
        data.put("display_name", token.displayName);
        data.put("entity_id", token.entityId);
        data.put("expire_time", token.expireTime == null ? null : token.expireTime.toString());
        data.put("explicit_max_ttl", token.explicitMaxTtl == null ? 0 : token.explicitMaxTtl.toSeconds());
        data.put("id", token.id);
        data.put("issue_time", token.issueTime.toString());
        if (token.lastRenewal != null) {
            data.put("last_renewal", token.lastRenewal.toString());
            data.put("last_renewal_time", token.lastRenewal.getEpochSecond());
        }
        data.put("meta", token.metadata);
        data.put("num_uses", 0);
        data.put("orphan", token.orphan);
        data.put("path", token.path);
        data.put("policies", token.policies);
        data.put("renewable", token.renewable);
        data.put("ttl", token.expireTime == null ? 0
                : Math.max(0, Duration.between(now, token.expireTime).toSeconds()));
        data.put("type", "service");
        return Response.ok(data, null, null, "token");
    }

    /** The {@code auth} block of a login or renewal answer. */
    Map<String, Object> authBlock(TokenEntry token, long leaseSeconds) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token.id);
        auth.put("accessor", token.accessor);
        auth.put("policies", token.policies);
        auth.put("token_policies", token.policies);
        auth.put("metadata", token.metadata);
        auth.put("lease_duration", leaseSeconds);
        auth.put("renewable", token.renewable);
        auth.put("entity_id", token.entityId);
        auth.put("token_type", "service");
        auth.put("orphan", token.orphan);
        auth.put("mfa_requirement", null);
        auth.put("num_uses", 0);
        return auth;
    }

    static List<String> sortedUnique(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private String randomString(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }
}
