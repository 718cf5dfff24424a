package com.cardpay.payments.connectors.vault;

import com.cardpay.payments.connectors.keys.KeyProviderFactory;
import com.cardpay.payments.functions.tokenization.DataKey;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.tokenization.TokenKey;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys from HashiCorp Vault, cached in memory so that tokenizing never waits on Vault.
 *
 * <ul>
 *   <li>Token key: KV v2 secret {@code <kv-mount>/<token-key-path>}, field {@code key} (base64, at
 *       least 256 bits); its KV version is the token key version, so writing a new version rotates
 *       new tokens to it. It only moves forward: a lower version, or other key material under the
 *       version in use, would give a card a second token under one version, so a refresh that
 *       reads one is refused ({@code vault_token_key_rejected}) and does not confirm the key.
 *   <li>Data keys: transit {@code datakey/plaintext} under {@code <transit-key>} (the key and its
 *       wrapped form); replaced after {@code data-key-max-age} or {@code data-key-max-uses}, the
 *       successor fetched in the background before the limit. {@link #unwrapDataKey} (transit
 *       {@code decrypt}) is for the detokenization tool, whose Vault role alone may decrypt.
 * </ul>
 *
 * A background thread renews the Vault token, re-reads the token key and pre-fetches data keys.
 * When Vault is unreachable the cached keys keep working until {@code key-cache-ttl} after the last
 * successful refresh (and the data key until its own limits); after that {@link #tokenKey()} and
 * {@link #dataKey()} throw {@link KeyUnavailableException}, so nothing is tokenized with keys that
 * cannot be confirmed, the task fails and Flink restarts it from the last checkpoint. Keys live in
 * this object only: never in Flink state, checkpoints or logs. {@link #close()} stops the refresher
 * and drops the keys; a closed provider refuses to hand out keys.
 */
public final class VaultKeyProvider implements KeyProvider {
    public static final String NAME = "vault";
    private static final Logger LOG = LoggerFactory.getLogger(VaultKeyProvider.class);
    private static final Pattern WRAPPED_VERSION = Pattern.compile("^vault:v(\\d+):");
    /** Start fetching the next data key at this share of the current one's age or use limit. */
    private static final double PREFETCH_AT = 0.8;

    private final VaultSettings settings;
    private final Clock clock;
    private final VaultCalls calls;
    private final VaultSession session;
    private final ScheduledExecutorService refresher;
    private final Counter tokenKeyRejected;

    private volatile TokenKey tokenKey;
    private volatile long tokenKeyConfirmedNanos;
    private DataKeySlot current;
    private DataKeySlot next;
    private boolean prefetchQueued;
    private volatile boolean closed;

    private VaultKeyProvider(VaultSettings settings, MetricGroup metrics, Clock clock) throws VaultException {
        this.settings = settings;
        this.clock = clock;
        this.calls = new VaultCalls(metrics, settings.refreshInterval());
        this.tokenKeyRejected = metrics.counter("vault_token_key_rejected");
        this.session = new VaultSession(settings, calls, clock);
        session.login();
        refreshTokenKey();
        this.current = fetchDataKey();
        metrics.gauge("vault_token_key_version", () -> {
            TokenKey key = tokenKey;
            return key == null ? 0 : key.version();
        });
        metrics.gauge("vault_seconds_since_token_key_confirmed", () -> (System.nanoTime() - tokenKeyConfirmedNanos) / 1_000_000_000L);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vault-key-refresher");
            t.setDaemon(true);
            return t;
        });
        long every = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens a provider: logs in and loads the keys, or fails with a message that says what to fix. */
    public static VaultKeyProvider open(VaultSettings settings, MetricGroup metrics) throws VaultException {
        return new VaultKeyProvider(settings, metrics, Clock.systemUTC());
    }

    /** For tests that move the token lease clock. */
    static VaultKeyProvider open(VaultSettings settings, MetricGroup metrics, Clock clock) throws VaultException {
        return new VaultKeyProvider(settings, metrics, clock);
    }

    public static KeyProviderFactory factory(VaultSettings settings) {
        return metrics -> open(settings, metrics);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenKey tokenKey() throws KeyUnavailableException {
        TokenKey key = tokenKey;
        if (closed || key == null) {
            throw closedException();
        }
        long sinceConfirmed = System.nanoTime() - tokenKeyConfirmedNanos;
        if (sinceConfirmed > settings.keyCacheTtl().toNanos()) {
            throw new KeyUnavailableException("the card token key has not been confirmed by Vault for "
                    + Duration.ofNanos(sinceConfirmed).toSeconds() + " s (vault.key-cache-ttl is "
                    + settings.keyCacheTtl() + "); refusing to tokenize with it");
        }
        return key;
    }

    @Override
    public synchronized DataKey dataKey() throws KeyUnavailableException {
        if (closed) {
            throw closedException();
        }
        if (current.exhausted(settings)) {
            if (next == null) {
                queuePrefetch();
                throw new KeyUnavailableException("the data key reached its age or use limit and Vault has not "
                        + "supplied the next one; refusing to encrypt with it");
            }
            current = next;
            next = null;
        }
        current.uses++;
        if (next == null && current.nearlyExhausted(settings)) {
            queuePrefetch();
        }
        return current.key;
    }

    @Override
    public byte[] unwrapDataKey(String wrapped) throws KeyUnavailableException {
        try {
            return unwrap(wrapped);
        } catch (VaultException e) {
            throw new KeyUnavailableException("Vault could not unwrap the data key (HTTP " + e.getHttpStatusCode() + ")", e);
        }
    }

    /**
     * Stops the refresher (waiting for a Vault call in progress, at most about two request
     * timeouts) and drops the cached keys. Idempotent. Keys already handed out are not wiped: a
     * caller between {@code dataKey()} and its cipher's init would otherwise seal a PAN under an
     * all-zero key.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        refresher.shutdownNow();
        try {
            long wait = settings.requestTimeout().multipliedBy(2).plusSeconds(1).toMillis();
            if (!refresher.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                LOG.warn("Vault key refresher did not stop within {} ms; it ends after its current call", wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tokenKey = null;
        synchronized (this) {
            if (next != null) {
                // never handed out
                Arrays.fill(next.key.plaintext(), (byte) 0);
            }
            current = null;
            next = null;
        }
    }

    private static KeyUnavailableException closedException() {
        return new KeyUnavailableException("the Vault key provider is closed (its task has ended)");
    }

    /** Background: renew the session, re-read the token key, make sure the next data key is ready. */
    private void refresh() {
        if (closed) {
            return;
        }
        try {
            refreshTokenKey();
            prefetchIfNeeded();
        } catch (VaultException e) {
            if (e.getHttpStatusCode() == 403) {
                // Token revoked or expired behind our back: log in afresh on the next refresh.
                session.invalidate();
            }
            LOG.warn("Vault refresh failed (HTTP {}): cached keys stay in use until vault.key-cache-ttl ({}) runs out",
                    e.getHttpStatusCode(), settings.keyCacheTtl());
        } catch (RuntimeException e) {
            LOG.warn("Vault refresh failed: {}", e.getClass().getSimpleName());
        }
    }

    private void refreshTokenKey() throws VaultException {
        String path = settings.kvMount() + "/" + settings.tokenKeyPath();
        LogicalResponse response = calls.call("kv read " + path, () -> ok(session.client().logical().read(path)));
        String encoded = response.getData().get("key");
        Long version = response.getDataMetadata() == null ? null : response.getDataMetadata().getVersion();
        if (encoded == null || version == null) {
            throw new VaultException("KV secret " + path + " has no field 'key' or no version", 0);
        }
        TokenKey fresh = new TokenKey(version.intValue(), Base64.getDecoder().decode(encoded));
        TokenKey previous = tokenKey;
        if (closed) {
            return;
        }
        String refusal = previous == null ? null : refusal(previous, fresh);
        if (refusal != null) {
            Arrays.fill(fresh.secret(), (byte) 0);
            tokenKeyRejected.inc();
            LOG.error("Card token key at {} {}: refused, keeping v{}. This refresh does not confirm it: unless Vault "
                    + "serves v{} or a higher version again, tokenization stops after vault.key-cache-ttl ({}). "
                    + "Alarm: vault_token_key_rejected", path, refusal, previous.version(), previous.version(),
                    settings.keyCacheTtl());
            return;
        }
        if (previous != null && previous.version() != fresh.version()) {
            LOG.info("Card token key version changed from v{} to v{}: new tokens use v{}",
                    previous.version(), fresh.version(), fresh.version());
        }
        tokenKey = fresh;
        tokenKeyConfirmedNanos = System.nanoTime();
    }

    /** Why {@code fresh} may not replace {@code previous}, or null if it may; never names key material. */
    private static String refusal(TokenKey previous, TokenKey fresh) {
        if (fresh.version() < previous.version()) {
            return "went back from v" + previous.version() + " to v" + fresh.version();
        }
        if (fresh.version() == previous.version() && !MessageDigest.isEqual(fresh.secret(), previous.secret())) {
            return "changed its key material under the same version v" + fresh.version();
        }
        return null;
    }

    private void prefetchIfNeeded() throws VaultException {
        synchronized (this) {
            if (closed || next != null || !(prefetchQueued || current.nearlyExhausted(settings))) {
                return;
            }
        }
        DataKeySlot fetched = fetchDataKey();
        synchronized (this) {
            if (closed) {
                Arrays.fill(fetched.key.plaintext(), (byte) 0);
                return;
            }
            next = fetched;
            prefetchQueued = false;
        }
    }

    private void queuePrefetch() {
        if (!prefetchQueued) {
            prefetchQueued = true;
            try {
                refresher.execute(() -> {
                    try {
                        prefetchIfNeeded();
                    } catch (VaultException e) {
                        LOG.warn("Vault data key prefetch failed (HTTP {})", e.getHttpStatusCode());
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed meanwhile: nothing to fetch for
            }
        }
    }

    private DataKeySlot fetchDataKey() throws VaultException {
        // datakey/plaintext returns the key and its wrapped form in one call, so the job's Vault role
        // needs no transit decrypt: a stolen job token cannot open old vault records. Only the
        // detokenization role may decrypt.
        String path = settings.transitMount() + "/datakey/plaintext/" + settings.transitKey();
        LogicalResponse response = calls.call("transit datakey",
                () -> ok(session.client().logical().write(path, Map.of("bits", 256))));
        String wrapped = response.getData().get("ciphertext");
        String plaintext = response.getData().get("plaintext");
        if (wrapped == null || plaintext == null) {
            throw new VaultException("transit datakey returned no ciphertext or plaintext", 0);
        }
        Matcher m = WRAPPED_VERSION.matcher(wrapped);
        if (!m.find()) {
            throw new VaultException("transit datakey returned a ciphertext without a key version", 0);
        }
        DataKey key = new DataKey(Base64.getDecoder().decode(plaintext), wrapped, Integer.parseInt(m.group(1)));
        LOG.info("Vault: new data key under transit key '{}' v{}", settings.transitKey(), key.version());
        return new DataKeySlot(key, System.nanoTime());
    }

    private byte[] unwrap(String wrapped) throws VaultException {
        String path = settings.transitMount() + "/decrypt/" + settings.transitKey();
        LogicalResponse response = calls.call("transit decrypt",
                () -> ok(session.client().logical().write(path, Map.of("ciphertext", wrapped))));
        String plaintext = response.getData().get("plaintext");
        if (plaintext == null) {
            throw new VaultException("transit decrypt returned no plaintext", 0);
        }
        return Base64.getDecoder().decode(plaintext);
    }

    /** The driver's logical() calls return 4xx answers instead of throwing; make them fail. */
    private static LogicalResponse ok(LogicalResponse response) throws VaultException {
        int status = response.getRestResponse().getStatus();
        if (status < 200 || status >= 300) {
            throw new VaultException("Vault answered HTTP " + status, status);
        }
        return response;
    }

    /** A data key with its birth time and use count; guarded by the provider's lock. */
    private static final class DataKeySlot {
        final DataKey key;
        final long createdNanos;
        long uses;

        DataKeySlot(DataKey key, long createdNanos) {
            this.key = key;
            this.createdNanos = createdNanos;
        }

        boolean exhausted(VaultSettings s) {
            return uses >= s.dataKeyMaxUses() || System.nanoTime() - createdNanos >= s.dataKeyMaxAge().toNanos();
        }

        boolean nearlyExhausted(VaultSettings s) {
            return uses >= s.dataKeyMaxUses() * PREFETCH_AT
                    || System.nanoTime() - createdNanos >= s.dataKeyMaxAge().toNanos() * PREFETCH_AT;
        }
    }
}
