package com.cardpay.payments.connectors.kafka;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TLS (and mutual TLS) to Kafka. Store passwords are never put in the client properties: each is a
 * reference to a mounted file, resolved by the Kafka client itself on the task manager through
 * Kafka's {@code DirectoryConfigProvider}, so they appear neither in the job graph nor in logs.
 *
 * <p>Every client it configures offers only {@code enabledProtocols} (TLS 1.3 alone by default),
 * and loads its stores through {@link RenewableStoresSslEngineFactory}, which picks up a renewed
 * certificate (cert-manager rewriting the mounted keystore) for every new connection without a
 * restart.
 *
 * @param keystorePath set for mutual TLS: the client's certificate and key
 * @param enabledProtocols the TLS versions the clients offer, best first; each TLSv1.3 or TLSv1.2
 */
public record KafkaTls(
        SecurityProtocol securityProtocol,
        @Nullable String truststorePath,
        @Nullable String truststorePasswordFile,
        @Nullable String keystorePath,
        @Nullable String keystorePasswordFile,
        @Nullable String keyPasswordFile,
        List<String> enabledProtocols) implements Serializable {

    public static final String TLS_1_3 = "TLSv1.3";
    public static final String TLS_1_2 = "TLSv1.2";
    /** The versions a client may be allowed to offer; older ones are broken or deprecated (RFC 8996). */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of(TLS_1_3, TLS_1_2);
    public static final KafkaTls PLAINTEXT = new KafkaTls(SecurityProtocol.PLAINTEXT, null, null, null, null, null);
    static final String PROVIDER = "mountedsecrets";

    public enum SecurityProtocol { PLAINTEXT, SSL }

    public KafkaTls {
        enabledProtocols = List.copyOf(enabledProtocols);
        if (enabledProtocols.isEmpty() || !SUPPORTED_PROTOCOLS.containsAll(enabledProtocols)) {
            throw new IllegalArgumentException("enabled TLS protocols must be among " + SUPPORTED_PROTOCOLS + ", got " + enabledProtocols);
        }
    }

    /** TLS 1.3 only: what the job uses unless configured otherwise. */
    public KafkaTls(SecurityProtocol securityProtocol, @Nullable String truststorePath, @Nullable String truststorePasswordFile,
            @Nullable String keystorePath, @Nullable String keystorePasswordFile, @Nullable String keyPasswordFile) {
        this(securityProtocol, truststorePath, truststorePasswordFile, keystorePath, keystorePasswordFile, keyPasswordFile,
                List.of(TLS_1_3));
    }

    /** Kafka client properties for this setting; empty for PLAINTEXT. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        if (securityProtocol == SecurityProtocol.PLAINTEXT) {
            return props;
        }
        props.put("security.protocol", "SSL");
        props.put("ssl.enabled.protocols", String.join(",", enabledProtocols));
        // The SSLContext's protocol: the best one enabled (TLSv1.3 enables both in the JDK; the
        // enabled list above is what limits the handshake).
        props.put("ssl.protocol", enabledProtocols.contains(TLS_1_3) ? TLS_1_3 : TLS_1_2);
        // Kafka loads the stores once per client; this factory reloads them when cert-manager
        // rewrites them, so that a renewed certificate needs no restart (README, 'Kafka TLS').
        props.put("ssl.engine.factory.class", RenewableStoresSslEngineFactory.class.getName());
        props.put("config.providers", PROVIDER);
        props.put("config.providers." + PROVIDER + ".class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        // Defence in depth: the provider may read only the directories of the configured secrets.
        String allowed = java.util.stream.Stream.of(truststorePasswordFile, keystorePasswordFile, keyPasswordFile)
                .filter(java.util.Objects::nonNull)
                .map(f -> Path.of(f).toAbsolutePath().getParent().toString())
                .distinct()
                .collect(java.util.stream.Collectors.joining(","));
        if (!allowed.isEmpty()) {
            props.put("config.providers." + PROVIDER + ".param.allowed.paths", allowed);
        }
        if (truststorePath != null) {
            props.put("ssl.truststore.location", truststorePath);
            props.put("ssl.truststore.type", "PKCS12");
            putSecret(props, "ssl.truststore.password", truststorePasswordFile);
        }
        if (keystorePath != null) {
            props.put("ssl.keystore.location", keystorePath);
            props.put("ssl.keystore.type", "PKCS12");
            putSecret(props, "ssl.keystore.password", keystorePasswordFile);
            putSecret(props, "ssl.key.password", keyPasswordFile);
        }
        return props;
    }

    private static void putSecret(Map<String, String> props, String key, @Nullable String file) {
        if (file != null) {
            Path path = Path.of(file).toAbsolutePath();
            props.put(key, "${" + PROVIDER + ":" + path.getParent() + ":" + path.getFileName() + "}");
        }
    }
}
