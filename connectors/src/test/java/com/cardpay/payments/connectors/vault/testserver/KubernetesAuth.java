package com.cardpay.payments.connectors.vault.testserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Kubernetes auth: the roles a test registers, and {@code POST /v1/auth/<mount>/login} with
 * {@code {"role","jwt"}}: 200 with an {@code auth} block; {@code 400 missing role|missing jwt};
 * {@code 400 invalid role name "x"} for an unknown role; {@code 403 permission denied} for a JWT
 * the role does not accept. Mount {@code kubernetes} exists from the start. Tokens are issued by
 * {@link TokenAuth}.
 */
final class KubernetesAuth {
    private final Object lock;
    private final TokenAuth tokens;
    private final Map<String, Map<String, Role>> mounts = new HashMap<>(); // guarded by lock

    KubernetesAuth(Object lock, TokenAuth tokens) {
        this.lock = lock;
        this.tokens = tokens;
        mounts.put(FakeVaultServer.DEFAULT_KUBERNETES_MOUNT, new HashMap<>());
    }

    // ------------------------------------------------------------------------------------------
    // Control (see FakeVaultServer)
    // ------------------------------------------------------------------------------------------

    void registerRole(String mount, String role, String acceptedJwt, Duration tokenTtl,
            Duration tokenMaxTtl, String... policies) {
        Args.requireText(mount, "mount");
        Args.requireText(role, "role");
        Args.requireText(acceptedJwt, "acceptedJwt");
        synchronized (lock) {
            mounts.computeIfAbsent(Args.trimSlashes(mount), m -> new HashMap<>())
                    .put(role, new Role(role, acceptedJwt, orDefault(tokenTtl),
                            orDefault(tokenMaxTtl), List.of(policies), role, "default",
                            UUID.randomUUID().toString()));
        }
    }

    void removeRole(String mount, String role) {
        synchronized (lock) {
            Map<String, Role> roles = mounts.get(Args.trimSlashes(mount));
            if (roles != null) {
                roles.remove(role);
            }
        }
    }

    /** The mounts that exist now (lock held). */
    Set<String> mounts() {
        return mounts.keySet();
    }

    // ------------------------------------------------------------------------------------------
    // Endpoint
    // ------------------------------------------------------------------------------------------

    Response login(String mount, Map<String, Object> body) throws VaultError {
        String roleName = Json.stringField(body, "role");
        if (roleName.isEmpty()) {
            throw new VaultError(400, "missing role");
        }
        String jwt = Json.stringField(body, "jwt");
        if (jwt.isEmpty()) {
            throw new VaultError(400, "missing jwt");
        }
        synchronized (lock) {
            Role role = mounts.getOrDefault(mount, Map.of()).get(roleName);
            if (role == null) {
                throw new VaultError(400, "invalid role name \"" + roleName + "\"");
            }
            if (!MessageDigest.isEqual(role.jwt.getBytes(StandardCharsets.UTF_8),
                    jwt.getBytes(StandardCharsets.UTF_8))) {
                throw new VaultError(403, VaultError.PERMISSION_DENIED);
            }
            Map<String, String> metadata = new TreeMap<>();
            metadata.put("role", role.name);
            metadata.put("service_account_name", role.serviceAccountName);
            metadata.put("service_account_namespace", role.serviceAccountNamespace);
            metadata.put("service_account_secret_name", "");
            metadata.put("service_account_uid", role.serviceAccountUid);
            List<String> policies = new ArrayList<>(role.policies);
            policies.add("default");
            List<String> warnings = new ArrayList<>();
            Duration ttl = role.ttl;
            if (ttl.compareTo(role.maxTtl) > 0) {
                warnings.add(GoDurations.cappedWarning(ttl, role.maxTtl));
                ttl = role.maxTtl;
            }
            TokenEntry token = tokens.create(ttl, role.maxTtl, true, null, TokenAuth.sortedUnique(policies),
                    metadata, "auth/" + mount + "/login",
                    mount + "-" + role.serviceAccountNamespace + "-" + role.serviceAccountName, true);
            return Response.ok(null, tokens.authBlock(token, ttl.toSeconds()), warnings, "kubernetes");
        }
    }

    private static Duration orDefault(Duration ttl) {
        return ttl == null || ttl.isZero() ? FakeVaultServer.SYSTEM_MAX_TTL : ttl;
    }

    private record Role(String name, String jwt, Duration ttl, Duration maxTtl,
            List<String> policies, String serviceAccountName, String serviceAccountNamespace,
            String serviceAccountUid) {
    }
}
