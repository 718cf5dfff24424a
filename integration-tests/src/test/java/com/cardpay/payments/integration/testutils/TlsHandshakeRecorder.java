package com.cardpay.payments.integration.testutils;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SslAuthenticationContext;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.math.BigInteger;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The broker's view of each TLS connection, for tests: a principal builder (Kafka's default one,
 * unchanged in what it returns) that also records, once for every TLS session the broker
 * authenticates, the protocol version negotiated and the client certificate presented. The broker
 * runs in the test's JVM, so the test reads the records directly.
 *
 * <p>Give the broker {@link #brokerConfig(String)}; the tag keeps two brokers' records apart.
 */
public final class TlsHandshakeRecorder extends DefaultKafkaPrincipalBuilder implements Configurable {
    private static final String TAG_CONFIG = "test.tls-handshake-recorder.tag";
    private static final Map<String, List<Handshake>> BY_TAG = new ConcurrentHashMap<>();

    /** One authenticated TLS session (a connection): the version negotiated and the client's certificate, if any. */
    public record Handshake(String protocol, String clientSubject, BigInteger clientSerial) {
        public boolean from(X509Certificate certificate) {
            return certificate.getSerialNumber().equals(clientSerial)
                    && certificate.getSubjectX500Principal().getName().equals(clientSubject);
        }
    }

    private final Set<SSLSession> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private String tag = "";

    public TlsHandshakeRecorder() {
        super(null, SslPrincipalMapper.fromRules("DEFAULT"));
    }

    /** Broker settings that install the recorder under {@code tag}. */
    public static Map<String, String> brokerConfig(String tag) {
        return Map.of("principal.builder.class", TlsHandshakeRecorder.class.getName(), TAG_CONFIG, tag);
    }

    /** Every TLS connection the broker tagged {@code tag} has authenticated so far, oldest first. */
    public static List<Handshake> handshakes(String tag) {
        return List.copyOf(BY_TAG.getOrDefault(tag, List.of()));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(TAG_CONFIG);
        tag = value == null ? "" : value.toString();
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        // Kafka builds the principal for every request: record each TLS session once.
        if (context instanceof SslAuthenticationContext ssl && seen.add(ssl.session())) {
            String subject = "";
            BigInteger serial = BigInteger.ZERO;
            try {
                Certificate[] peer = ssl.session().getPeerCertificates();
                if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                    subject = x509.getSubjectX500Principal().getName();
                    serial = x509.getSerialNumber();
                }
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                // recorded with an empty subject
            }
            BY_TAG.computeIfAbsent(tag, t -> new CopyOnWriteArrayList<>())
                    .add(new Handshake(ssl.session().getProtocol(), subject, serial));
        }
        return super.build(context);
    }
}
