package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.kafka.KafkaTls.SecurityProtocol;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class KafkaTlsTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{mountedsecrets:([^}:]+):([^}:]+)}");
    private static final String TRUSTSTORE_PASSWORD = "trust-Secret-1";
    private static final String KEYSTORE_PASSWORD = "keystore-Secret-2";
    private static final String KEY_PASSWORD = "key-Secret-3";

    @TempDir
    Path secrets;

    @Test
    void plaintextGivesNoClientProperties() {
        assertThat(KafkaTls.PLAINTEXT.clientProperties()).isEmpty();
        // Paths alone do not switch TLS on: the protocol does (config validation refuses this mix).
        KafkaTls plaintextWithPaths = new KafkaTls(SecurityProtocol.PLAINTEXT, "/etc/kafka/truststore.p12",
                "/etc/kafka/secrets/truststore.password", null, null, null);
        assertThat(plaintextWithPaths.clientProperties()).isEmpty();
    }

    @Test
    void tlsGivesTheTruststoreAndAProviderReferenceNeverThePassword() throws IOException {
        Path truststorePassword = secret("truststore.password", TRUSTSTORE_PASSWORD);
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", truststorePassword.toString(), null, null, null);

        Map<String, String> props = tls.clientProperties();

        assertThat(props).containsOnlyKeys("security.protocol", "config.providers", "config.providers.mountedsecrets.class",
                "config.providers.mountedsecrets.param.allowed.paths", "ssl.enabled.protocols", "ssl.protocol",
                "ssl.engine.factory.class",
                "ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.password");
        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("config.providers.mountedsecrets.param.allowed.paths", secrets.toString())
                .containsEntry("config.providers", "mountedsecrets")
                .containsEntry("config.providers.mountedsecrets.class", DirectoryConfigProvider.class.getName())
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "${mountedsecrets:" + secrets + ":truststore.password}");
        assertNoPasswordValue(props);
        // No hostname-verification override: Kafka's default (https) stays in force.
        assertThat(props).doesNotContainKey("ssl.endpoint.identification.algorithm");
    }

    @Test
    void tlsOffersOnlyTlsOnePointThreeByDefaultAndReloadsRenewedStores() {
        Map<String, String> props = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", null, null, null, null)
                .clientProperties();

        assertThat(props).containsEntry("ssl.enabled.protocols", "TLSv1.3").containsEntry("ssl.protocol", "TLSv1.3")
                .containsEntry("ssl.engine.factory.class", RenewableStoresSslEngineFactory.class.getName());
    }

    @Test
    void tlsOnePointTwoOnlyWhenConfiguredAndNothingOlder() {
        KafkaTls both = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", null, null, null, null,
                List.of("TLSv1.3", "TLSv1.2"));
        KafkaTls twoOnly = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", null, null, null, null,
                List.of("TLSv1.2"));

        assertThat(both.clientProperties()).containsEntry("ssl.enabled.protocols", "TLSv1.3,TLSv1.2")
                .containsEntry("ssl.protocol", "TLSv1.3");
        assertThat(twoOnly.clientProperties()).containsEntry("ssl.enabled.protocols", "TLSv1.2")
                .containsEntry("ssl.protocol", "TLSv1.2");
        for (List<String> refused : List.of(List.<String>of(), List.of("TLSv1.1"), List.of("TLSv1.3", "TLSv1"))) {
            assertThatThrownBy(() -> new KafkaTls(SecurityProtocol.SSL, null, null, null, null, null, refused))
                    .as(refused.toString()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void kafkaAcceptsTheProtocolAndFactorySettings() {
        Map<String, Object> producer = new HashMap<>(new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", null,
                null, null, null).clientProperties());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9093");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);

        ProducerConfig resolved = new ProducerConfig(producer);

        assertThat(resolved.getList("ssl.enabled.protocols")).containsExactly("TLSv1.3");
        assertThat(resolved.getClass("ssl.engine.factory.class")).isEqualTo(RenewableStoresSslEngineFactory.class);
    }

    @Test
    void mutualTlsAddsTheKeystoreAndItsPasswordReferences() throws IOException {
        Path truststorePassword = secret("truststore.password", TRUSTSTORE_PASSWORD);
        Path keystorePassword = secret("keystore.password", KEYSTORE_PASSWORD);
        Path keyPassword = secret("key.password", KEY_PASSWORD);
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12", truststorePassword.toString(),
                "/etc/kafka/keystore.p12", keystorePassword.toString(), keyPassword.toString());

        Map<String, String> props = tls.clientProperties();

        assertThat(props).containsEntry("ssl.keystore.location", "/etc/kafka/keystore.p12")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.password", "${mountedsecrets:" + secrets + ":keystore.password}")
                .containsEntry("ssl.key.password", "${mountedsecrets:" + secrets + ":key.password}")
                .containsEntry("ssl.truststore.password", "${mountedsecrets:" + secrets + ":truststore.password}");
        assertNoPasswordValue(props);
    }

    @Test
    void withoutAKeyPasswordFileTheKeyPasswordIsLeftToTheKeystorePassword() throws IOException {
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12",
                secret("truststore.password", TRUSTSTORE_PASSWORD).toString(), "/etc/kafka/keystore.p12",
                secret("keystore.password", KEYSTORE_PASSWORD).toString(), null);

        Map<String, String> props = tls.clientProperties();

        assertThat(props).containsKeys("ssl.keystore.location", "ssl.keystore.password").doesNotContainKey("ssl.key.password");
    }

    @Test
    void kafkaItselfResolvesTheReferencesToTheFilesContents() throws IOException {
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12",
                secret("truststore.password", TRUSTSTORE_PASSWORD).toString(), "/etc/kafka/keystore.p12",
                secret("keystore.password", KEYSTORE_PASSWORD).toString(), secret("key.password", KEY_PASSWORD).toString());
        Map<String, Object> producer = new HashMap<>(tls.clientProperties());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9093");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);

        // What a Kafka client does with its properties on the task manager.
        ProducerConfig resolved = new ProducerConfig(producer);

        assertThat(resolved.getPassword("ssl.truststore.password").value()).isEqualTo(TRUSTSTORE_PASSWORD);
        assertThat(resolved.getPassword("ssl.keystore.password").value()).isEqualTo(KEYSTORE_PASSWORD);
        assertThat(resolved.getPassword("ssl.key.password").value()).isEqualTo(KEY_PASSWORD);
        try (DirectoryConfigProvider provider = new DirectoryConfigProvider()) {
            provider.configure(Map.of());
            Matcher m = REFERENCE.matcher(tls.clientProperties().get("ssl.keystore.password"));
            assertThat(m.matches()).isTrue();
            assertThat(provider.get(m.group(1), Set.of(m.group(2))).data()).containsEntry("keystore.password", KEYSTORE_PASSWORD);
        }
    }

    @Test
    void aRelativePasswordFileBecomesAnAbsoluteReference() {
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "truststore.p12", "secrets/truststore.password", null, null, null);

        Matcher m = REFERENCE.matcher(tls.clientProperties().get("ssl.truststore.password"));

        assertThat(m.matches()).isTrue();
        assertThat(Path.of(m.group(1))).isAbsolute();
        assertThat(m.group(1)).isEqualTo(Path.of("secrets").toAbsolutePath().toString());
        assertThat(m.group(2)).isEqualTo("truststore.password");
    }

    @Test
    void theSettingItselfHoldsFileNamesOnly() throws IOException {
        KafkaTls tls = new KafkaTls(SecurityProtocol.SSL, "/etc/kafka/truststore.p12",
                secret("truststore.password", TRUSTSTORE_PASSWORD).toString(), "/etc/kafka/keystore.p12",
                secret("keystore.password", KEYSTORE_PASSWORD).toString(), secret("key.password", KEY_PASSWORD).toString());

        assertThat(tls.toString()).doesNotContain(TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD, KEY_PASSWORD);
    }

    private Path secret(String name, String value) throws IOException {
        return Files.writeString(secrets.resolve(name), value);
    }

    private static void assertNoPasswordValue(Map<String, String> props) {
        props.forEach((key, value) -> assertThat(value).as(key)
                .doesNotContain(TRUSTSTORE_PASSWORD).doesNotContain(KEYSTORE_PASSWORD).doesNotContain(KEY_PASSWORD));
        props.entrySet().stream().filter(e -> e.getKey().endsWith(".password"))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).matches(REFERENCE));
    }
}
