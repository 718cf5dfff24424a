package com.cardpay.payments.connectors.vault.testserver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A token the server issued, with what {@code lookup-self} reports; mutable parts guarded by the server's lock. */
final class TokenEntry {
    final String id;
    final String accessor;
    final List<String> policies;
    final Map<String, String> metadata;
    final String path;
    final String displayName;
    final Instant issueTime;
    final Duration creationTtl;
    final Duration maxTtl;
    final Duration explicitMaxTtl;
    final boolean renewable;
    final boolean orphan;
    final String entityId;
    Instant expireTime;
    Instant lastRenewal;
    boolean revoked;

    TokenEntry(String id, String accessor, List<String> policies, Map<String, String> metadata,
            String path, String displayName, Instant issueTime, Duration creationTtl,
            Duration maxTtl, Duration explicitMaxTtl, boolean renewable, boolean orphan,
            String entityId) {
        this.id = id;
        this.accessor = accessor;
        this.policies = policies;
        this.metadata = metadata;
        this.path = path;
        this.displayName = displayName;
        this.issueTime = issueTime;
        this.creationTtl = creationTtl;
        this.maxTtl = maxTtl;
        this.explicitMaxTtl = explicitMaxTtl;
        this.renewable = renewable;
        this.orphan = orphan;
        this.entityId = entityId;
    }

    boolean isLive(Instant now) {
        return !revoked && (expireTime == null || now.isBefore(expireTime));
    }
}
