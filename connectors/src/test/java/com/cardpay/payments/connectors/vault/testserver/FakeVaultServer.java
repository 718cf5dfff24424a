package com.cardpay.payments.connectors.vault.testserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict, in-process stand-in for the parts of the HashiCorp Vault HTTP API that the payment
 * job's Vault key provider uses. It listens on {@code 127.0.0.1} on a free port, speaks plain HTTP
 * and answers with Vault's real paths, status codes and JSON shapes (checked against Vault's and
 * the Kubernetes auth plugin's sources, and against what {@code vault-java-driver} 6.2.0 sends and
 * parses). There is no Vault binary on the build machines; this is what the provider is tested
 * against.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /v1/auth/<mount>/login} (Kubernetes auth, {@code {"role","jwt"}}): 200 with an
 *       {@code auth} block; {@code 400 missing role|missing jwt}; {@code 400 invalid role name "x"}
 *       for an unknown role; {@code 403 permission denied} for a JWT the role does not accept.
 *   <li>{@code POST /v1/auth/token/renew-self} (optional {@code {"increment": 3600 | "1h"}}): 200
 *       with the new lease in {@code auth.lease_duration}, capped at the token's max TTL with Vault's
 *       warning; {@code 400 lease is not renewable} for a non-renewable token.
 *   <li>{@code GET /v1/auth/token/lookup-self}: 200 with {@code data.ttl}, {@code expire_time},
 *       {@code policies}, {@code renewable}, {@code id}, ...
 *   <li>{@code GET /v1/<kv-mount>/data/<path>[?version=N]}: KV v2 read; missing secret or version
 *       is {@code 404 {"errors":[]}}.
 *   <li>{@code POST /v1/<transit-mount>/datakey/(wrapped|plaintext)/<key>}: a fresh random data key
 *       (default 256 bits) encrypted under the key's latest version (or {@code key_version}).
 *   <li>{@code POST /v1/<transit-mount>/decrypt/<key>} with {@code {"ciphertext":"vault:vN:..."}}.
 *   <li>{@code POST /v1/<transit-mount>/keys/<key>/rotate}: 200 with the key description, as Vault
 *       1.10+ returns it ({@code data.latest_version}, {@code data.keys}, ...).
 *   <li>{@code GET /v1/<transit-mount>/keys/<key>}: the same key description.
 *   <li>{@code GET /v1/sys/health}: unauthenticated; 200, or 503 while sealed.
 * </ul>
 * Everything except login and health needs a live token in {@code X-Vault-Token} (or
 * {@code Authorization: Bearer}); a missing, unknown, revoked or expired token gets
 * {@code 403 {"errors":["permission denied"]}}. A path outside the mounts is 404; a known path
 * with a method it does not support is 405, as in Vault. Writes to KV and transit key management
 * other than rotate are answered {@code 403 permission denied}: the fake models the job's
 * least-privilege policy, so a client that tries them finds out.
 *
 * <p>Transit crypto is real: each key version is an independent AES-256 key, a ciphertext is
 * {@code vault:v<n>:} + base64(12-byte random nonce || AES-GCM ciphertext and 16-byte tag), like
 * Vault's {@code aes256-gcm96}, so ciphertexts of old versions still decrypt after a rotation and a
 * tampered ciphertext fails with {@code 400 cipher: message authentication failed}.
 *
 * <h2>Time</h2>
 * Token TTLs run on {@link #clock()}, an {@link AdjustableClock}: real time plus an offset that
 * {@link #advanceClock(Duration)} moves forward, so a test can expire a token without sleeping.
 *
 * <h2>Faults</h2>
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
 * <p>Thread-safe. Mounts {@code secret} (KV v2), {@code transit} and {@code auth/kubernetes} exist
 * from the start; other mounts are created by the first control call that names them.
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
    // State
    // ------------------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERMISSION_DENIED = "permission denied";
    private static final int NONCE_BYTES = 12;
    private static final int GCM_TAG_BITS = 128;

    private final AdjustableClock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService executor;
    private final InetSocketAddress boundAddress;
    private final Object lock = new Object();

    // All guarded by lock.
    private final Map<String, Map<String, KubernetesRole>> kubernetesMounts = new HashMap<>();
    private final Map<String, Map<String, KvSecret>> kvMounts = new HashMap<>();
    private final Map<String, Map<String, TransitKey>> transitMounts = new HashMap<>();
    private final Map<String, TokenEntry> tokens = new HashMap<>();
    private final List<FaultRule> faults = new ArrayList<>();
    private final List<RecordedRequest> log = new ArrayList<>();
    private HttpServer server;
    private boolean closed;

    private volatile Outage outage;
    private volatile Duration responseDelay = Duration.ZERO;
    private final String rootToken;

    private FakeVaultServer(Clock baseClock) throws IOException {
        this.clock = new AdjustableClock(baseClock);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-vault-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        kvMounts.put(DEFAULT_KV_MOUNT, new HashMap<>());
        transitMounts.put(DEFAULT_TRANSIT_MOUNT, new HashMap<>());
        kubernetesMounts.put(DEFAULT_KUBERNETES_MOUNT, new HashMap<>());
        this.server = newServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.boundAddress = server.getAddress();
        this.rootToken = newToken(null, Duration.ZERO, false, null, List.of("root"), null,
                "auth/token/root", "root", false).id;
        server.start();
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

    private HttpServer newServer(InetSocketAddress address) throws IOException {
        HttpServer s = HttpServer.create(address, 64);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // Connection details and time
    // ------------------------------------------------------------------------------------------

    /** {@code http://127.0.0.1:<port>}, for {@code VaultConfig.address(...)}. */
    public String address() {
        return "http://" + boundAddress.getAddress().getHostAddress() + ":" + boundAddress.getPort();
    }

    public int port() {
        return boundAddress.getPort();
    }

    /** The clock all TTLs run on. */
    public AdjustableClock clock() {
        return clock;
    }

    /** Moves {@link #clock()} forward: tokens whose expiry is passed are dead from now on. */
    public void advanceClock(Duration amount) {
        clock.advance(amount);
    }

    /** A root token (policy {@code root}, no TTL, not renewable), like a dev server's. */
    public String rootToken() {
        return rootToken;
    }

    // ------------------------------------------------------------------------------------------
    // Control: Kubernetes auth
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
        requireText(mount, "mount");
        requireText(role, "role");
        requireText(acceptedJwt, "acceptedJwt");
        synchronized (lock) {
            kubernetesMounts.computeIfAbsent(trimSlashes(mount), m -> new HashMap<>())
                    .put(role, new KubernetesRole(role, acceptedJwt, orDefault(tokenTtl),
                            orDefault(tokenMaxTtl), List.of(policies), role, "default",
                            UUID.randomUUID().toString()));
        }
    }

    public void removeKubernetesRole(String mount, String role) {
        synchronized (lock) {
            Map<String, KubernetesRole> roles = kubernetesMounts.get(trimSlashes(mount));
            if (roles != null) {
                roles.remove(role);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Control: tokens
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
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        List<String> pols = new ArrayList<>(List.of(policies));
        pols.add("default");
        synchronized (lock) {
            return newToken(ttl, maxTtl == null ? SYSTEM_MAX_TTL : maxTtl, renewable, maxTtl,
                    sortedUnique(pols), null, "auth/token/create", "token", false).id;
        }
    }

    /** Revokes a token: from now on every request with it gets 403. Unknown tokens are ignored. */
    public void revokeToken(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            if (entry != null) {
                entry.revoked = true;
            }
        }
    }

    /** Whether the token exists, is not revoked and has not expired on {@link #clock()}. */
    public boolean isTokenLive(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            return entry != null && entry.isLive(clock.instant());
        }
    }

    /** When the token expires (empty for an unknown token or one without TTL). */
    public Optional<Instant> tokenExpiry(String token) {
        synchronized (lock) {
            TokenEntry entry = tokens.get(token);
            return entry == null ? Optional.empty() : Optional.ofNullable(entry.expireTime);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Control: KV v2
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
        requireText(path, "path");
        Map<String, Object> copy = new LinkedHashMap<>(data);
        synchronized (lock) {
            KvSecret secret = kvMounts.computeIfAbsent(trimSlashes(mount), m -> new HashMap<>())
                    .computeIfAbsent(trimSlashes(path), p -> new KvSecret());
            secret.versions.add(new KvVersion(secret.versions.size() + 1,
                    Collections.unmodifiableMap(copy), clock.instant()));
            return secret.versions.size();
        }
    }

    /** Deletes a secret with all its versions (as {@code DELETE <mount>/metadata/<path>}). */
    public void deleteSecret(String mount, String path) {
        synchronized (lock) {
            Map<String, KvSecret> secrets = kvMounts.get(trimSlashes(mount));
            if (secrets != null) {
                secrets.remove(trimSlashes(path));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Control: transit
    // ------------------------------------------------------------------------------------------

    /** {@link #createTransitKey(String, String)} on mount {@code transit}. */
    public void createTransitKey(String name) {
        createTransitKey(DEFAULT_TRANSIT_MOUNT, name);
    }

    /** Creates an {@code aes256-gcm96} key with version 1 (no-op if it exists, as in Vault). */
    public void createTransitKey(String mount, String name) {
        requireText(name, "name");
        if (name.contains("/")) {
            throw new IllegalArgumentException("a transit key name has no '/': " + name);
        }
        synchronized (lock) {
            transitMounts.computeIfAbsent(trimSlashes(mount), m -> new HashMap<>())
                    .computeIfAbsent(name, n -> {
                        TransitKey key = new TransitKey(n);
                        key.addVersion(random, clock.instant());
                        return key;
                    });
        }
    }

    /** {@link #rotateTransitKey(String, String)} on mount {@code transit}. */
    public int rotateTransitKey(String name) {
        return rotateTransitKey(DEFAULT_TRANSIT_MOUNT, name);
    }

    /** Adds a new latest version to the key and returns its number. */
    public int rotateTransitKey(String mount, String name) {
        synchronized (lock) {
            TransitKey key = existingTransitKey(mount, name);
            key.addVersion(random, clock.instant());
            return key.latestVersion();
        }
    }

    public int latestTransitKeyVersion(String mount, String name) {
        synchronized (lock) {
            return existingTransitKey(mount, name).latestVersion();
        }
    }

    /**
     * Sets the key's {@code min_decryption_version}: ciphertexts of older versions are then
     * refused with {@code 400 ciphertext or signature version is disallowed by policy (too old)}.
     */
    public void setMinDecryptionVersion(String mount, String name, int minVersion) {
        synchronized (lock) {
            TransitKey key = existingTransitKey(mount, name);
            if (minVersion < 1 || minVersion > key.latestVersion()) {
                throw new IllegalArgumentException("min_decryption_version out of range: " + minVersion);
            }
            key.minDecryptionVersion = minVersion;
        }
    }

    /**
     * Test oracle: decrypts a transit ciphertext (e.g. a wrapped data key a client stored) without
     * HTTP, logging or fault injection. Throws {@link IllegalArgumentException} with Vault's error
     * message when Vault would answer 400.
     */
    public byte[] transitDecrypt(String mount, String name, String ciphertext) {
        synchronized (lock) {
            TransitKey key = existingTransitKey(mount, name);
            try {
                return key.decrypt(ciphertext);
            } catch (VaultError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Test helper: encrypts under the key's latest version, as {@code transit/encrypt} would. */
    public String transitEncrypt(String mount, String name, byte[] plaintext) {
        synchronized (lock) {
            TransitKey key = existingTransitKey(mount, name);
            return key.encrypt(key.latestVersion(), plaintext, random);
        }
    }

    private TransitKey existingTransitKey(String mount, String name) {
        Map<String, TransitKey> keys = transitMounts.get(trimSlashes(mount));
        TransitKey key = keys == null ? null : keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no transit key " + mount + "/keys/" + name);
        }
        return key;
    }

    // ------------------------------------------------------------------------------------------
    // Control: faults
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
        if (count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count >= 1 and an error status: " + count + ", " + status);
        }
        synchronized (lock) {
            faults.add(new FaultRule(endpoint, status, count));
        }
    }

    /** Forgets all pending {@link #failNextRequests} rules. */
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** How many injected failures are still to be served. */
    public int pendingFaults() {
        synchronized (lock) {
            return faults.stream().mapToInt(f -> f.remaining).sum();
        }
    }

    /** Every request waits this long before it is handled (zero: none). */
    public void setResponseDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay);
        }
        this.responseDelay = delay;
    }

    public Duration responseDelay() {
        return responseDelay;
    }

    /** {@link #goDown(Outage)} with {@link Outage#SEALED}. */
    public void goDown() {
        goDown(Outage.SEALED);
    }

    /** Makes Vault unavailable in the given way until {@link #comeBack()}. */
    public void goDown(Outage how) {
        synchronized (lock) {
            ensureOpen();
            if (outage == Outage.CONNECTION_REFUSED && how != Outage.CONNECTION_REFUSED) {
                restartListener();
            }
            outage = how;
            if (how == Outage.CONNECTION_REFUSED && server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /** Ends an outage: Vault answers normally again, on the same port. */
    public void comeBack() {
        synchronized (lock) {
            ensureOpen();
            if (server == null) {
                restartListener();
            }
            outage = null;
        }
    }

    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    private void restartListener() {
        try {
            server = newServer(boundAddress);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + boundAddress + " again", e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Observation
    // ------------------------------------------------------------------------------------------

    /** Every request so far, oldest first: method, path, endpoint and status only. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** The requests to one endpoint, oldest first. */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        synchronized (lock) {
            return log.stream().filter(r -> r.endpoint() == endpoint).toList();
        }
    }

    /** How many requests reached {@code endpoint}, whatever their outcome. */
    public int requestCount(Endpoint endpoint) {
        return requests(endpoint).size();
    }

    public int requestCount() {
        synchronized (lock) {
            return log.size();
        }
    }

    /** Empties the request log (and so the counts). */
    public void clearRequestLog() {
        synchronized (lock) {
            log.clear();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("fake Vault is closed");
        }
    }

    // ------------------------------------------------------------------------------------------
    // HTTP handling
    // ------------------------------------------------------------------------------------------

    private record Route(Endpoint endpoint, String mount, String name, String extra, boolean inMount) {
        static Route unknown(boolean inMount) {
            return new Route(Endpoint.UNKNOWN, null, null, null, inMount);
        }
    }

    private record Response(int status, Map<String, Object> body) {
    }

    /** A Vault error answer: status plus the messages of {@code {"errors":[...]}}. */
    private static final class VaultError extends Exception {
        final int status;
        final List<String> errors;

        VaultError(int status, String... errors) {
            super(errors.length == 0 ? "status " + status : String.join("; ", errors));
            this.status = status;
            this.errors = List.of(errors);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Route route;
        synchronized (lock) {
            route = route(path);
        }
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Duration delay = responseDelay;
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Outage current = outage;
            if (current == Outage.CONNECTION_DROPPED || current == Outage.CONNECTION_REFUSED) {
                record(method, path, route.endpoint(), 0);
                return; // finally: the connection is closed unanswered
            }
            Response response;
            if (current == Outage.SEALED) {
                response = route.endpoint() == Endpoint.SYS_HEALTH
                        ? new Response(503, health(true))
                        : error(new VaultError(503, "Vault is sealed"));
            } else {
                response = injectedFault(route.endpoint());
                if (response == null) {
                    response = dispatch(method, route, exchange, body);
                }
            }
            // recorded before it is sent: a client that has its answer finds it in the log
            record(method, path, route.endpoint(), response.status());
            send(exchange, response);
        } catch (InterruptedException e) {
            record(method, path, route.endpoint(), 0);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Response response = error(new VaultError(500, "internal error: " + e));
            record(method, path, route.endpoint(), 500);
            send(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private Route route(String fullPath) {
        if (!fullPath.startsWith("/v1/")) {
            return Route.unknown(false);
        }
        String p = fullPath.substring("/v1/".length());
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("sys/health")) {
            return new Route(Endpoint.SYS_HEALTH, null, null, null, true);
        }
        if (p.equals("auth/token/renew-self")) {
            return new Route(Endpoint.TOKEN_RENEW_SELF, "token", null, null, true);
        }
        if (p.equals("auth/token/lookup-self")) {
            return new Route(Endpoint.TOKEN_LOOKUP_SELF, "token", null, null, true);
        }
        if (p.startsWith("auth/token/")) {
            return Route.unknown(true);
        }
        for (String mount : longestFirst(kubernetesMounts.keySet())) {
            String prefix = "auth/" + mount + "/";
            if (p.startsWith(prefix)) {
                return p.equals(prefix + "login")
                        ? new Route(Endpoint.KUBERNETES_LOGIN, mount, null, null, true)
                        : Route.unknown(true);
            }
        }
        for (String mount : longestFirst(kvMounts.keySet())) {
            if (p.startsWith(mount + "/")) {
                String rest = p.substring(mount.length() + 1);
                return rest.startsWith("data/") && rest.length() > "data/".length()
                        ? new Route(Endpoint.KV_READ, mount, rest.substring("data/".length()), null, true)
                        : Route.unknown(true);
            }
        }
        for (String mount : longestFirst(transitMounts.keySet())) {
            if (p.startsWith(mount + "/")) {
                String[] s = p.substring(mount.length() + 1).split("/", -1);
                if (s.length == 3 && s[0].equals("datakey") && !s[2].isEmpty()) {
                    return new Route(Endpoint.TRANSIT_DATAKEY, mount, s[2], s[1], true);
                }
                if (s.length == 2 && s[0].equals("decrypt") && !s[1].isEmpty()) {
                    return new Route(Endpoint.TRANSIT_DECRYPT, mount, s[1], null, true);
                }
                if (s.length == 3 && s[0].equals("keys") && s[2].equals("rotate") && !s[1].isEmpty()) {
                    return new Route(Endpoint.TRANSIT_ROTATE, mount, s[1], null, true);
                }
                if (s.length == 2 && s[0].equals("keys") && !s[1].isEmpty()) {
                    return new Route(Endpoint.TRANSIT_READ_KEY, mount, s[1], null, true);
                }
                return Route.unknown(true);
            }
        }
        return Route.unknown(false);
    }

    private static List<String> longestFirst(java.util.Collection<String> mounts) {
        List<String> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    private Response injectedFault(Endpoint endpoint) {
        synchronized (lock) {
            for (Iterator<FaultRule> it = faults.iterator(); it.hasNext(); ) {
                FaultRule rule = it.next();
                if (rule.endpoint == null || rule.endpoint == endpoint) {
                    rule.remaining--;
                    if (rule.remaining <= 0) {
                        it.remove();
                    }
                    return error(new VaultError(rule.status, faultMessage(rule.status)));
                }
            }
            return null;
        }
    }

    private static String faultMessage(int status) {
        return switch (status) {
            case 412 -> "required index state not present";
            case 429 -> "rate limit quota exceeded";
            case 500 -> "internal error";
            case 502 -> "bad gateway";
            case 503 -> "Vault is sealed";
            case 504 -> "context deadline exceeded";
            default -> "injected fault (" + status + ")";
        };
    }

    private Response dispatch(String method, Route route, HttpExchange exchange, byte[] body) {
        try {
            Endpoint endpoint = route.endpoint();
            if (endpoint == Endpoint.SYS_HEALTH) {
                requireMethod(method, "GET");
                return new Response(200, health(false));
            }
            if (endpoint == Endpoint.KUBERNETES_LOGIN) {
                requireMethod(method, "POST", "PUT");
                return login(route.mount(), parseBody(body));
            }
            synchronized (lock) {
                TokenEntry token = liveToken(exchange);
                if (token == null) {
                    throw new VaultError(403, PERMISSION_DENIED);
                }
                return switch (endpoint) {
                    case TOKEN_RENEW_SELF -> {
                        requireMethod(method, "POST", "PUT");
                        yield renewSelf(token, parseBody(body));
                    }
                    case TOKEN_LOOKUP_SELF -> {
                        requireMethod(method, "GET", "POST", "PUT");
                        yield lookupSelf(token);
                    }
                    case KV_READ -> {
                        if (List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                            throw new VaultError(403, PERMISSION_DENIED); // read-only policy
                        }
                        requireMethod(method, "GET");
                        yield kvRead(route, exchange.getRequestURI().getRawQuery());
                    }
                    case TRANSIT_DATAKEY -> {
                        requireMethod(method, "POST", "PUT");
                        yield datakey(route, parseBody(body));
                    }
                    case TRANSIT_DECRYPT -> {
                        requireMethod(method, "POST", "PUT");
                        yield decrypt(route, parseBody(body));
                    }
                    case TRANSIT_ROTATE -> {
                        requireMethod(method, "POST", "PUT");
                        yield rotate(route);
                    }
                    case TRANSIT_READ_KEY -> {
                        if (List.of("POST", "PUT", "DELETE").contains(method)) {
                            throw new VaultError(403, PERMISSION_DENIED); // no key management
                        }
                        requireMethod(method, "GET");
                        yield readKey(route);
                    }
                    default -> throw route.inMount()
                            ? new VaultError(404, "1 error occurred:\n\t* unsupported path\n\n")
                            : new VaultError(404, "no handler for route \""
                                    + exchange.getRequestURI().getPath().replaceFirst("^/v1/", "")
                                    + "\". route entry not found.");
                };
            }
        } catch (VaultError e) {
            return error(e);
        }
    }

    private static void requireMethod(String method, String... allowed) throws VaultError {
        if (!List.of(allowed).contains(method)) {
            throw new VaultError(405, "1 error occurred:\n\t* unsupported operation\n\n");
        }
    }

    private TokenEntry liveToken(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (token == null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = authorization.substring(7).trim();
            }
        }
        if (token == null || token.isEmpty()) {
            return null;
        }
        TokenEntry entry = tokens.get(token);
        return entry != null && entry.isLive(clock.instant()) ? entry : null;
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(String method, String path, Endpoint endpoint, int status) {
        synchronized (lock) {
            String[] segments = path.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (tokens.containsKey(segments[i])) {
                    segments[i] = "<redacted>";
                }
            }
            log.add(new RecordedRequest(method, String.join("/", segments), endpoint, status));
        }
    }

    private static Response error(VaultError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", e.errors);
        return new Response(e.status, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseBody(byte[] body) throws VaultError {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (!(parsed instanceof Map)) {
                throw new VaultError(400, "failed to parse JSON input: body is not a JSON object");
            }
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new VaultError(400, "failed to parse JSON input: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> envelope(Object data, Object auth, List<String> warnings,
            String mountType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", UUID.randomUUID().toString());
        m.put("lease_id", "");
        m.put("renewable", false);
        m.put("lease_duration", 0);
        m.put("data", data);
        m.put("wrap_info", null);
        m.put("warnings", warnings == null || warnings.isEmpty() ? null : warnings);
        m.put("auth", auth);
        m.put("mount_type", mountType);
        return m;
    }

    private Map<String, Object> health(boolean sealed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initialized", true);
        m.put("sealed", sealed);
        m.put("standby", sealed);
        m.put("performance_standby", false);
        m.put("replication_performance_mode", "disabled");
        m.put("replication_dr_mode", "disabled");
        m.put("server_time_utc", clock.instant().getEpochSecond());
        m.put("version", "1.17.0+fake");
        m.put("cluster_name", "fake-vault");
        m.put("cluster_id", "00000000-0000-0000-0000-000000000000");
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // Auth
    // ------------------------------------------------------------------------------------------

    private Response login(String mount, Map<String, Object> body) throws VaultError {
        String roleName = stringField(body, "role");
        if (roleName.isEmpty()) {
            throw new VaultError(400, "missing role");
        }
        String jwt = stringField(body, "jwt");
        if (jwt.isEmpty()) {
            throw new VaultError(400, "missing jwt");
        }
        synchronized (lock) {
            KubernetesRole role = kubernetesMounts.getOrDefault(mount, Map.of()).get(roleName);
            if (role == null) {
                throw new VaultError(400, "invalid role name \"" + roleName + "\"");
            }
            if (!MessageDigest.isEqual(role.jwt.getBytes(StandardCharsets.UTF_8),
                    jwt.getBytes(StandardCharsets.UTF_8))) {
                throw new VaultError(403, PERMISSION_DENIED);
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
                warnings.add("TTL of \"" + goDuration(ttl) + "\" exceeded the effective max_ttl of \""
                        + goDuration(role.maxTtl) + "\"; TTL value is capped accordingly");
                ttl = role.maxTtl;
            }
            TokenEntry token = newToken(ttl, role.maxTtl, true, null, sortedUnique(policies),
                    metadata, "auth/" + mount + "/login",
                    mount + "-" + role.serviceAccountNamespace + "-" + role.serviceAccountName, true);
            return new Response(200, envelope(null, authBlock(token, ttl.toSeconds()), warnings,
                    "kubernetes"));
        }
    }

    private Response renewSelf(TokenEntry token, Map<String, Object> body) throws VaultError {
        if (!token.renewable || token.expireTime == null) {
            throw new VaultError(400, "lease is not renewable");
        }
        Duration increment = parseIncrement(body.get("increment"));
        Instant now = clock.instant();
        Duration ttl = increment.isZero() ? token.creationTtl : increment;
        Duration maxValid = Duration.between(now, token.issueTime.plus(token.maxTtl));
        maxValid = Duration.ofSeconds(maxValid.toSeconds());
        if (maxValid.isZero() || maxValid.isNegative()) {
            throw new VaultError(400, "past the max TTL, cannot renew");
        }
        List<String> warnings = new ArrayList<>();
        if (ttl.compareTo(maxValid) > 0) {
            warnings.add("TTL of \"" + goDuration(ttl) + "\" exceeded the effective max_ttl of \""
                    + goDuration(maxValid) + "\"; TTL value is capped accordingly");
            ttl = maxValid;
        }
        token.expireTime = now.plus(ttl);
        token.lastRenewal = now;
        return new Response(200, envelope(null, authBlock(token, ttl.toSeconds()), warnings, "token"));
    }

    private Response lookupSelf(TokenEntry token) {
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
        return new Response(200, envelope(data, null, null, "token"));
    }

    private Map<String, Object> authBlock(TokenEntry token, long leaseSeconds) {
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

    private TokenEntry newToken(Duration ttl, Duration maxTtl, boolean renewable,
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

    private static Duration parseIncrement(Object raw) throws VaultError {
        if (raw == null) {
            return Duration.ZERO;
        }
        if (raw instanceof Number n) {
            return Duration.ofSeconds(Math.max(0, n.longValue()));
        }
        String s = raw.toString().trim();
        if (s.isEmpty()) {
            return Duration.ZERO;
        }
        if (s.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long v = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            });
            end = m.end();
        }
        if (end != s.length() || end == 0) {
            throw new VaultError(400, "error converting input " + s + " for field \"increment\"");
        }
        return total;
    }

    /** Go's time.Duration.String() for whole seconds, as Vault's warnings print TTLs. */
    static String goDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        if (m > 0) {
            return m + "m" + s + "s";
        }
        return s + "s";
    }

    // ------------------------------------------------------------------------------------------
    // KV v2
    // ------------------------------------------------------------------------------------------

    private Response kvRead(Route route, String rawQuery) throws VaultError {
        int wanted = 0;
        String version = queryParam(rawQuery, "version");
        if (version != null && !version.isEmpty()) {
            try {
                wanted = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw new VaultError(400, "error converting input " + version + " for field \"version\"");
            }
        }
        KvSecret secret = kvMounts.getOrDefault(route.mount(), Map.of()).get(route.name());
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
        return new Response(200, envelope(data, null, null, "kv"));
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

    // ------------------------------------------------------------------------------------------
    // Transit
    // ------------------------------------------------------------------------------------------

    private TransitKey transitKey(Route route) {
        return transitMounts.getOrDefault(route.mount(), Map.of()).get(route.name());
    }

    private Response datakey(Route route, Map<String, Object> body) throws VaultError {
        boolean plaintextAllowed = switch (route.extra()) {
            case "plaintext" -> true;
            case "wrapped" -> false;
            default -> throw new VaultError(400, "Invalid path, must be 'plaintext' or 'wrapped'");
        };
        TransitKey key = transitKey(route);
        if (key == null) {
            throw new VaultError(400, "encryption key not found");
        }
        int bits = intField(body, "bits", 256);
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new VaultError(400, "invalid bit length");
        }
        int version = intField(body, "key_version", 0);
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
        return new Response(200, envelope(data, null, null, "transit"));
    }

    private Response decrypt(Route route, Map<String, Object> body) throws VaultError {
        if (body.containsKey("batch_input")) {
            throw new VaultError(400, "batch_input is not supported by FakeVaultServer");
        }
        String ciphertext = stringField(body, "ciphertext");
        if (ciphertext.isEmpty()) {
            throw new VaultError(400, "missing ciphertext to decrypt");
        }
        TransitKey key = transitKey(route);
        if (key == null) {
            throw new VaultError(400, "encryption key not found");
        }
        byte[] plaintext = key.decrypt(ciphertext);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
        return new Response(200, envelope(data, null, null, "transit"));
    }

    private Response rotate(Route route) throws VaultError {
        TransitKey key = transitKey(route);
        if (key == null) {
            throw new VaultError(400, "key not found");
        }
        key.addVersion(random, clock.instant());
        return new Response(200, envelope(key.describe(), null, null, "transit"));
    }

    private Response readKey(Route route) throws VaultError {
        TransitKey key = transitKey(route);
        if (key == null) {
            throw new VaultError(404);
        }
        return new Response(200, envelope(key.describe(), null, null, "transit"));
    }

    // ------------------------------------------------------------------------------------------
    // Model
    // ------------------------------------------------------------------------------------------

    private record KubernetesRole(String name, String jwt, Duration ttl, Duration maxTtl,
            List<String> policies, String serviceAccountName, String serviceAccountNamespace,
            String serviceAccountUid) {
    }

    private static final class TokenEntry {
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

    private static final class KvSecret {
        final List<KvVersion> versions = new ArrayList<>();
    }

    private record KvVersion(int version, Map<String, Object> data, Instant created) {
    }

    private static final class FaultRule {
        final Endpoint endpoint;
        final int status;
        int remaining;

        FaultRule(Endpoint endpoint, int status, int remaining) {
            this.endpoint = endpoint;
            this.status = status;
            this.remaining = remaining;
        }
    }

    /** An {@code aes256-gcm96} transit key: one independent AES-256 key per version. */
    private static final class TransitKey {
        final String name;
        final List<byte[]> versions = new ArrayList<>();
        final List<Instant> created = new ArrayList<>();
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

    // ------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------

    private String randomString(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    private static String stringField(Map<String, Object> body, String name) {
        Object v = body.get(name);
        return v == null ? "" : v.toString();
    }

    private static int intField(Map<String, Object> body, String name, int dflt) throws VaultError {
        Object v = body.get(name);
        if (v == null || v.toString().isEmpty()) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            throw new VaultError(400, "error converting input " + v + " for field \"" + name + "\"");
        }
    }

    private static List<String> sortedUnique(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static Duration orDefault(Duration ttl) {
        return ttl == null || ttl.isZero() ? SYSTEM_MAX_TTL : ttl;
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
