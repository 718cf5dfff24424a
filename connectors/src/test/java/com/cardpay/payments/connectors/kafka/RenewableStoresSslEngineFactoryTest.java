package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The factory picks up rewritten store files at the next connection, keeps the stores it has when
 * the new files do not load, and leaves unchanged files alone. Stores from the JDK's keytool.
 */
class RenewableStoresSslEngineFactoryTest {
    private static final String PASSWORD = "store-Secret-7";

    @TempDir
    static Path dir;
    private static Path first;
    private static Path renewed;

    @TempDir
    Path mounted;

    @BeforeAll
    static void twoCertificatesOfTheSameName() throws Exception {
        first = keystore("first");
        renewed = keystore("renewed");
    }

    @Test
    void aRewrittenKeystoreIsUsedFromTheNextConnectionOn() throws Exception {
        Path keystore = Files.copy(first, mounted.resolve("keystore.p12"));
        RenewableStoresSslEngineFactory factory = configured(keystore);
        assertThat(serial(factory.keystore())).isEqualTo(serial(first));

        factory.createClientSslEngine("localhost", 9093, "https");
        assertThat(serial(factory.keystore())).as("unchanged files: the same stores").isEqualTo(serial(first));

        replace(renewed, keystore);
        factory.createClientSslEngine("localhost", 9093, "https");

        assertThat(serial(factory.keystore())).isEqualTo(serial(renewed)).isNotEqualTo(serial(first));
        factory.close();
    }

    @Test
    void aKeystoreThatDoesNotLoadLeavesThePreviousOneInUse() throws Exception {
        Path keystore = Files.copy(first, mounted.resolve("keystore.p12"));
        RenewableStoresSslEngineFactory factory = configured(keystore);

        Files.write(keystore, Files.readAllBytes(renewed), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(keystore, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING); // half-written
        assertThat(factory.createClientSslEngine("localhost", 9093, "https")).isNotNull();
        assertThat(serial(factory.keystore())).isEqualTo(serial(first));

        replace(renewed, keystore); // the write completes
        factory.createClientSslEngine("localhost", 9093, "https");
        assertThat(serial(factory.keystore())).isEqualTo(serial(renewed));
        factory.close();
    }

    /** Configured as a Kafka client configures it: every ssl.* setting parsed, defaults included. */
    private static RenewableStoresSslEngineFactory configured(Path keystore) {
        Map<String, Object> props = new HashMap<>();
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.toString());
        props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, PASSWORD);
        ConfigDef ssl = new ConfigDef();
        SslConfigs.addClientSslSupport(ssl);
        RenewableStoresSslEngineFactory factory = new RenewableStoresSslEngineFactory();
        factory.configure(ssl.parse(props));
        return factory;
    }

    private static void replace(Path source, Path target) throws IOException {
        Path staged = Files.copy(source, target.resolveSibling(".staged"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static java.math.BigInteger serial(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return serial(store);
    }

    private static java.math.BigInteger serial(KeyStore store) throws Exception {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return ((X509Certificate) store.getCertificate(alias)).getSerialNumber();
            }
        }
        throw new AssertionError("no key entry");
    }

    private static Path keystore(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path passwordFile = Files.writeString(dir.resolve(name + ".password"), PASSWORD, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=payments-job,O=cardpay-test", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass:file", passwordFile.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return store;
    }
}
