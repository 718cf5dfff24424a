package com.cardpay.payments.connectors.kafka;

import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's own {@link DefaultSslEngineFactory}, rebuilt when the keystore or truststore files
 * change: a Kafka client loads its stores once, when it is created, so without this a certificate
 * that cert-manager renews (by rewriting the mounted files) would be used only after the job
 * restarts, and a client created after the old one expired would fail.
 *
 * <p>Before each new connection the factory hashes both store files (a few KB; clients open
 * connections rarely) and, if either changed, builds a new {@code DefaultSslEngineFactory} from
 * the same settings: new connections present the new certificate, connections already open keep
 * the session they negotiated (TLS authenticates once, at the handshake). If the new files cannot
 * be loaded (a half-written file, a password that no longer opens them), it keeps the stores it
 * has, logs why once, and tries again at the next connection. Store passwords are read once, when
 * the client is created; cert-manager keeps them across renewals (the Certificate's {@code
 * passwordSecretRef}).
 *
 * <p>Configured by {@link KafkaTls#clientProperties()} as {@code ssl.engine.factory.class}.
 */
public final class RenewableStoresSslEngineFactory implements SslEngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RenewableStoresSslEngineFactory.class);

    private Map<String, Object> configs = Map.of();
    @Nullable
    private Path keystore;
    @Nullable
    private Path truststore;
    private DefaultSslEngineFactory current;
    private byte[] currentFingerprint;
    @Nullable
    private byte[] failedFingerprint;

    @Override
    public synchronized void configure(Map<String, ?> configs) {
        this.configs = Collections.unmodifiableMap(new HashMap<>(configs));
        this.keystore = path(configs.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG));
        this.truststore = path(configs.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
        // Fingerprint first: a change between the two reads is then seen at the next connection.
        this.currentFingerprint = fingerprint();
        this.current = build();
    }

    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        return upToDate().createClientSslEngine(peerHost, peerPort, endpointIdentification);
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        return upToDate().createServerSslEngine(peerHost, peerPort);
    }

    @Override
    public synchronized boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return current.shouldBeRebuilt(nextConfigs);
    }

    @Override
    public synchronized Set<String> reconfigurableConfigs() {
        return current.reconfigurableConfigs();
    }

    @Override
    public synchronized KeyStore keystore() {
        return current.keystore();
    }

    @Override
    public synchronized KeyStore truststore() {
        return current.truststore();
    }

    @Override
    public synchronized void close() {
        current.close();
    }

    /** The factory for the stores on disk now, or the last one that loaded. */
    private synchronized DefaultSslEngineFactory upToDate() {
        byte[] onDisk = fingerprint();
        if (Arrays.equals(onDisk, currentFingerprint) || Arrays.equals(onDisk, failedFingerprint)) {
            return current;
        }
        DefaultSslEngineFactory renewed;
        try {
            renewed = build();
        } catch (RuntimeException e) {
            failedFingerprint = onDisk;
            // Kafka's message names the store file and the reason, never a password.
            LOG.warn("The Kafka TLS stores {} / {} changed but do not load; new connections keep the previous ones: {}",
                    keystore, truststore, e.toString());
            return current;
        }
        DefaultSslEngineFactory previous = current;
        current = renewed;
        currentFingerprint = onDisk;
        failedFingerprint = null;
        previous.close();
        LOG.info("Kafka TLS stores reloaded (keystore {}, truststore {}); new connections use client certificate {}",
                keystore, truststore, describe(renewed.keystore()));
        return current;
    }

    private DefaultSslEngineFactory build() {
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(configs);
        return factory;
    }

    /** SHA-256 over both store files; a missing file (being replaced) hashes as empty. */
    private byte[] fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : new Path[] {keystore, truststore}) {
                byte[] content = read(file);
                digest.update(Integer.toString(content.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(content);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] read(@Nullable Path file) {
        if (file == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kafka TLS store " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Nullable
    private static Path path(@Nullable Object location) {
        return location == null || location.toString().isBlank() ? null : Path.of(location.toString());
    }

    /** The subject, serial and expiry of the first certificate in the keystore: public facts, for the log. */
    static String describe(@Nullable KeyStore store) {
        if (store == null) {
            return "(none)";
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (store.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                    return x509.getSubjectX500Principal().getName() + " serial " + x509.getSerialNumber().toString(16)
                            + " valid until " + x509.getNotAfter().toInstant();
                }
            }
            return "(no key entry)";
        } catch (KeyStoreException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
