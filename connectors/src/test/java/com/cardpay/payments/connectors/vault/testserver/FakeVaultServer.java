package com.cardpay.payments.connectors.vault.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A strict, in-process stand-in for the parts of the HashiCorp Vault HTTP API that the payment
 * job's Vault key provider uses. It listens on {@code 127.0.0.1} on a free port, speaks plain HTTP
 * and answers with Vault's real paths, status codes and JSON shapes (checked against Vault's and
 * the Kubernetes auth plugin's sources, and against what {@code vault-java-driver} 6.2.0 sends and
 * parses). There is no Vault binary on the build machines; this is what the provider is tested
 * against.
 *
 * <h2>Endpoints</h2>
 * This class is the control side a test uses; each engine is in its own file, which lists its
 * endpoints with their answers:
 * <ul>
 *   <li>{@link KubernetesAuth}: {@code POST /v1/auth/<mount>/login}.
 *   <li>{@link TokenAuth}: {@code POST /v1/auth/token/renew-self}, {@code GET /v1/auth/token/lookup-self}.
 *   <li>{@link KvEngine}: {@code GET /v1/<kv-mount>/data/<path>[?version=N]} (KV v2).
 *   <li>{@link TransitEngine}: {@code datakey}, {@code decrypt}, {@code keys/<key>/rotate} and
 *       {@code keys/<key>}, with real {@code aes256-gcm96} crypto ({@link TransitKey}).
 *   <li>{@link HttpCore}: the listener, {@code GET /v1/sys/health} (unauthenticated; 200, or 503
 *       while sealed), and the checks below ({@link Route}s the paths).
 * </ul>
 * Everything except login and health needs a live token in {@code X-Vault-Token} (or
 * {@code Authorization: Bearer}); a missing, unknown, revoked or expired token gets
 * {@code 403 {"errors":["permission denied"]}}. A path outside the mounts is 404; a known path
 * with a method it does not support is 405, as in Vault. Writes to KV and transit key management
 * other than rotate are answered {@code 403 permission denied}: the fake models the job's
 * least-privilege policy, so a client that tries them finds out.
 *
 * <h2>Time</h2>
 * Token TTLs run on {@link #clock()}, an {@link AdjustableClock}: real time plus an offset that
 * {@link #advanceClock(Duration)} moves forward, so a test can expire a token without sleeping.
 *
 * <h2>Faults</h2>
 * Injected by {@link Faults}:
 * <ul>
 *   <li>{@link #failNextRequests(int, int)}: the next N requests get that status with a Vault-style
 *       {@code {"errors":[...]}} body (optionally only requests to one {@link Endpoint}).
 *   <li>{@link #setResponseDelay(Duration)}: every request waits this long before it is handled.
 *   <li>{@link #goDown(Outage)} / {@link #comeBack()}: {@link Outage#SEALED} answers every request
 *       (login included) {@code 503 {"errors":["Vault is sealed"]}}, as a sealed Vault does;
 *       {@link Outage#CONNECTION_REFUSED} closes the listening socket (a Vault pod that is gone);
 *       {@link Outage#CONNECTION_DROPPED} accepts and closes each connection without an answer (a
 *       crashing process or a broken proxy). {@link #goDown()} is {@code SEALED}: the one outage
 *       Vault itself reports with a status. A client should be tested with all three: the driver
 *       reports a 503 as {@code VaultException} with status 503, the other two with status 0.
 * </ul>
 *
 * <h2>Observation</h2>
 * {@link #requests()} is a log of method, path (no query string) and status: never bodies, never
 * headers, and any path segment equal to a token this server issued is replaced by
 * {@code <redacted>}. {@link #requestCount(Endpoint)} counts requests per endpoint, whatever their
 * outcome.
 *
 * <p>Thread-safe: all state is guarded by one lock that every part shares ({@link Parts}).
 * Mounts {@code secret} (KV v2), {@code transit} and {@code auth/kubernetes} exist from the
 * start; other mounts are created by the first control call that names them.
 */
public final class FakeVaultServer implements AutoCloseable {

    public static final String DEFAULT_KV_MOUNT = "secret";
    public static final String DEFAULT_TRANSIT_MOUNT = "transit";
    public static final String DEFAULT_KUBERNETES_MOUNT = "kubernetes";
    /** Vault's default system max lease TTL (and default TTL): 768h, 32 days. */
    public static final Duration SYSTEM_MAX_TTL = Duration.ofHours(768);

    /** What a request was aimed at, for {@link #requestCount(Endpoint)} and the request log. */
    public enum Endpoint {
        KUBERNETES_LOGIN,
        TOKEN_RENEW_SELF,
        TOKEN_LOOKUP_SELF,
        KV_READ,
        TRANSIT_DATAKEY,
        TRANSIT_DECRYPT,
        TRANSIT_ROTATE,
        TRANSIT_READ_KEY,
        SYS_HEALTH,
        /** Any other path: answered 404 (after the token check). */
        UNKNOWN
    }

    /** How {@link #goDown(Outage)} makes Vault unavailable. */
    public enum Outage {
        /** Every request is answered {@code 503 {"errors":["Vault is sealed"]}}. */
        SEALED,
        /** The listening socket is closed: connections are refused. */
        CONNECTION_REFUSED,
        /** Connections are accepted, the request is read, and the connection is closed unanswered. */
        CONNECTION_DROPPED
    }

    /**
     * One request as the server saw it. {@code path} is the URL path without query string, with
     * issued tokens redacted; {@code status} is 0 when the connection was dropped unanswered.
     */
    public record RecordedRequest(String method, String path, Endpoint endpoint, int status) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    /** Real time (from a base clock) plus an offset that only moves forward. */
    public static final class AdjustableClock extends Clock {
        private final Clock base;
        private final AtomicReference<Duration> offset;

        public AdjustableClock(Clock base) {
            this(base, new AtomicReference<>(Duration.ZERO));
        }

        private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
            this.base = base;
            this.offset = offset;
        }

        /** Moves this clock (and every clock derived from it with {@link #withZone}) forward. */
        public void advance(Duration amount) {
            if (amount.isNegative()) {
                throw new IllegalArgumentException("time only moves forward: " + amount);
            }
            offset.accumulateAndGet(amount, Duration::plus);
        }

        public Duration offset() {
            return offset.get();
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new AdjustableClock(base.withZone(zone), offset);
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.get());
        }
    }

    // ------------------------------------------------------------------------------------------
    // The parts, all sharing one lock
    // ------------------------------------------------------------------------------------------

    private final Parts parts;
    private final HttpCore http;
    private final String rootToken;

    private FakeVaultServer(Clock baseClock) throws IOException {
        this.parts = Parts.create(baseClock);
        this.http = new HttpCore(parts);
        this.rootToken = parts.tokens().create(null, Duration.ZERO, false, null, List.of("root"), null,
                "auth/token/root", "root", false).id;
        http.start();
    }

    /** Starts a server on a free port of 127.0.0.1, with TTLs on the system UTC clock. */
    public static FakeVaultServer start() {
        return start(Clock.systemUTC());
    }

    /** Starts a server whose {@link #clock()} is {@code baseClock} plus an adjustable offset. */
    public static FakeVaultServer start(Clock baseClock) {
        try {
            return new FakeVaultServer(baseClock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake Vault", e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Connection details and time
    // ------------------------------------------------------------------------------------------

    /** {@code http://127.0.0.1:<port>}, for {@code VaultConfig.address(...)}. */
    public String address() {
        InetSocketAddress bound = http.boundAddress();
        return "http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort();
    }

    public int port() {
        return http.boundAddress().getPort();
    }

    /** The clock all TTLs run on. */
    public AdjustableClock clock() {
        return parts.clock();
    }

    /** Moves {@link #clock()} forward: tokens whose expiry is passed are dead from now on. */
    public void advanceClock(Duration amount) {
        parts.clock().advance(amount);
    }

    /** A root token (policy {@code root}, no TTL, not renewable), like a dev server's. */
    public String rootToken() {
        return rootToken;
    }

    // ------------------------------------------------------------------------------------------
    // Control: Kubernetes auth (KubernetesAuth)
    // ------------------------------------------------------------------------------------------

    /** {@link #registerKubernetesRole(String, String, String, Duration, Duration, String...)} on mount {@code kubernetes}. */
    public void registerKubernetesRole(String role, String acceptedJwt, Duration tokenTtl,
            Duration tokenMaxTtl, String... policies) {
        registerKubernetesRole(DEFAULT_KUBERNETES_MOUNT, role, acceptedJwt, tokenTtl, tokenMaxTtl,
                policies);
    }

    /**
     * Creates or replaces a Kubernetes auth role on {@code auth/<mount>}. A login to this role
     * succeeds with exactly {@code acceptedJwt} (replacing the role changes the accepted JWT, as a
     * rotated service-account token would). Tokens get {@code tokenTtl} (null: 768h) and can be
     * renewed up to {@code tokenMaxTtl} after login (null: 768h), with the given policies plus
     * {@code default}. The service account is {@code <role>} in namespace {@code default}.
     */
    public void registerKubernetesRole(String mount, String role, String acceptedJwt,
            Duration tokenTtl, Duration tokenMaxTtl, String... policies) {
        parts.kubernetes().registerRole(mount, role, acceptedJwt, tokenTtl, tokenMaxTtl, policies);
    }

    public void removeKubernetesRole(String mount, String role) {
        parts.kubernetes().removeRole(mount, role);
    }

    // ------------------------------------------------------------------------------------------
    // Control: tokens (TokenAuth)
    // ------------------------------------------------------------------------------------------

    /** A renewable token with TTL 1h and max TTL 768h, policy {@code default}. */
    public String issueToken() {
        return issueToken(Duration.ofHours(1), true, null);
    }

    /**
     * Issues a token as {@code auth/token/create} would, for token auth. It expires {@code ttl}
     * after issue (or after its last renewal); renewals never take it past {@code maxTtl} after
     * issue (null: the system max, 768h; otherwise reported as {@code explicit_max_ttl}).
     */
    public String issueToken(Duration ttl, boolean renewable, Duration maxTtl, String... policies) {
        return parts.tokens().issue(ttl, renewable, maxTtl, policies);
    }

    /** Revokes a token: from now on every request with it gets 403. Unknown tokens are ignored. */
    public void revokeToken(String token) {
        parts.tokens().revoke(token);
    }

    /** Whether the token exists, is not revoked and has not expired on {@link #clock()}. */
    public boolean isTokenLive(String token) {
        return parts.tokens().isLive(token);
    }

    /** When the token expires (empty for an unknown token or one without TTL). */
    public Optional<Instant> tokenExpiry(String token) {
        return parts.tokens().expiry(token);
    }

    // ------------------------------------------------------------------------------------------
    // Control: KV v2 (KvEngine)
    // ------------------------------------------------------------------------------------------

    /** {@link #putSecret(String, String, Map)} on mount {@code secret}. */
    public int putSecret(String path, Map<String, ?> data) {
        return putSecret(DEFAULT_KV_MOUNT, path, data);
    }

    /**
     * Writes a new version of the KV v2 secret {@code <mount>/data/<path>} and returns its version
     * number (1 for a new secret). Values must be JSON-serializable (strings, numbers, ...).
     */
    public int putSecret(String mount, String path, Map<String, ?> data) {
        return parts.kv().putSecret(mount, path, data);
    }

    /** Deletes a secret with all its versions (as {@code DELETE <mount>/metadata/<path>}). */
    public void deleteSecret(String mount, String path) {
        parts.kv().deleteSecret(mount, path);
    }

    // ------------------------------------------------------------------------------------------
    // Control: transit (TransitEngine)
    // ------------------------------------------------------------------------------------------

    /** {@link #createTransitKey(String, String)} on mount {@code transit}. */
    public void createTransitKey(String name) {
        createTransitKey(DEFAULT_TRANSIT_MOUNT, name);
    }

    /** Creates an {@code aes256-gcm96} key with version 1 (no-op if it exists, as in Vault). */
    public void createTransitKey(String mount, String name) {
        parts.transit().createKey(mount, name);
    }

    /** {@link #rotateTransitKey(String, String)} on mount {@code transit}. */
    public int rotateTransitKey(String name) {
        return rotateTransitKey(DEFAULT_TRANSIT_MOUNT, name);
    }

    /** Adds a new latest version to the key and returns its number. */
    public int rotateTransitKey(String mount, String name) {
        return parts.transit().rotateKey(mount, name);
    }

    public int latestTransitKeyVersion(String mount, String name) {
        return parts.transit().latestVersion(mount, name);
    }

    /**
     * Sets the key's {@code min_decryption_version}: ciphertexts of older versions are then
     * refused with {@code 400 ciphertext or signature version is disallowed by policy (too old)}.
     */
    public void setMinDecryptionVersion(String mount, String name, int minVersion) {
        parts.transit().setMinDecryptionVersion(mount, name, minVersion);
    }

    /**
     * Test oracle: decrypts a transit ciphertext (e.g. a wrapped data key a client stored) without
     * HTTP, logging or fault injection. Throws {@link IllegalArgumentException} with Vault's error
     * message when Vault would answer 400.
     */
    public byte[] transitDecrypt(String mount, String name, String ciphertext) {
        return parts.transit().decryptDirectly(mount, name, ciphertext);
    }

    /** Test helper: encrypts under the key's latest version, as {@code transit/encrypt} would. */
    public String transitEncrypt(String mount, String name, byte[] plaintext) {
        return parts.transit().encryptDirectly(mount, name, plaintext);
    }

    // ------------------------------------------------------------------------------------------
    // Control: faults (Faults)
    // ------------------------------------------------------------------------------------------

    /** The next {@code count} requests, whatever their endpoint, get {@code status}. */
    public void failNextRequests(int count, int status) {
        failNextRequests(count, status, null);
    }

    /**
     * The next {@code count} requests to {@code endpoint} (null: any) are answered {@code status}
     * with a Vault-style body, e.g. {@code 500 {"errors":["internal error"]}}, {@code 503
     * {"errors":["Vault is sealed"]}}, {@code 429 {"errors":["rate limit quota exceeded"]}}. They
     * are not processed. Rules queue up in call order.
     */
    public void failNextRequests(int count, int status, Endpoint endpoint) {
        parts.faults().failNextRequests(count, status, endpoint);
    }

    /** Forgets all pending {@link #failNextRequests} rules. */
    public void clearFaults() {
        parts.faults().clear();
    }

    /** How many injected failures are still to be served. */
    public int pendingFaults() {
        return parts.faults().pending();
    }

    /** Every request waits this long before it is handled (zero: none). */
    public void setResponseDelay(Duration delay) {
        parts.faults().setResponseDelay(delay);
    }

    public Duration responseDelay() {
        return parts.faults().responseDelay();
    }

    /** {@link #goDown(Outage)} with {@link Outage#SEALED}. */
    public void goDown() {
        goDown(Outage.SEALED);
    }

    /** Makes Vault unavailable in the given way until {@link #comeBack()}. */
    public void goDown(Outage how) {
        parts.faults().goDown(how, http);
    }

    /** Ends an outage: Vault answers normally again, on the same port. */
    public void comeBack() {
        parts.faults().comeBack(http);
    }

    public Optional<Outage> outage() {
        return Optional.ofNullable(parts.faults().outage());
    }

    // ------------------------------------------------------------------------------------------
    // Observation (RequestLog)
    // ------------------------------------------------------------------------------------------

    /** Every request so far, oldest first: method, path, endpoint and status only. */
    public List<RecordedRequest> requests() {
        return parts.log().all();
    }

    /** The requests to one endpoint, oldest first. */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        return parts.log().to(endpoint);
    }

    /** How many requests reached {@code endpoint}, whatever their outcome. */
    public int requestCount(Endpoint endpoint) {
        return requests(endpoint).size();
    }

    public int requestCount() {
        return parts.log().size();
    }

    /** Empties the request log (and so the counts). */
    public void clearRequestLog() {
        parts.log().clear();
    }

    @Override
    public void close() {
        http.close();
    }
}
