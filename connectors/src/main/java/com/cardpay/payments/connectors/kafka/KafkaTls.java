package com.cardpay.payments.connectors.kafka;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS (and mutual TLS) to Kafka. Store passwords are never put in the client properties: each is a
 * reference to a mounted file, resolved by the Kafka client itself on the task manager through
 * Kafka's {@code DirectoryConfigProvider}, so they appear neither in the job graph nor in logs.
 *
 * @param keystorePath set for mutual TLS: the client's certificate and key
 */
public record KafkaTls(
        SecurityProtocol securityProtocol,
        @Nullable String truststorePath,
        @Nullable String truststorePasswordFile,
        @Nullable String keystorePath,
        @Nullable String keystorePasswordFile,
        @Nullable String keyPasswordFile) implements Serializable {

    public static final KafkaTls PLAINTEXT = new KafkaTls(SecurityProtocol.PLAINTEXT, null, null, null, null, null);
    static final String PROVIDER = "mountedsecrets";

    public enum SecurityProtocol { PLAINTEXT, SSL }

    /** Kafka client properties for this setting; empty for PLAINTEXT. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        if (securityProtocol == SecurityProtocol.PLAINTEXT) {
            return props;
        }
        props.put("security.protocol", "SSL");
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
