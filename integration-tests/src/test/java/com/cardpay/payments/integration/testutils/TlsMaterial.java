package com.cardpay.payments.integration.testutils;

import com.cardpay.payments.connectors.kafka.KafkaTls;
import com.cardpay.payments.local.EmbeddedKafka;

import javax.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away TLS material, generated during the test with the JDK's own {@code keytool} (no
 * extra dependency): a test CA, a broker certificate for {@code localhost} / {@code 127.0.0.1}, a
 * client certificate signed by the same CA, and a client certificate signed by another CA that
 * nobody trusts. All stores are PKCS12, each with its own random password, written to a file of
 * its own (no trailing newline), as a mounted secret would be.
 */
public final class TlsMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CA_ALIAS = "ca";

    /** A PKCS12 store and its password, in a file and in memory (the test needs both). */
    public record Store(Path path, Path passwordFile, String password) {
        @Override
        public String toString() {
            return "Store[" + path + "]";
        }
    }

    private final Path dir;
    private final Store truststore;
    private final Store brokerKeystore;
    private final Store clientKeystore;
    private final Path clientKeyPasswordFile;
    private final Store untrustedClientKeystore;
    private final Store untrustedTruststore;
    private final List<String> passwords = new ArrayList<>();

    private TlsMaterial(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Store ca = selfSignedCa("ca", "CN=payments-test-ca,O=cardpay-test");
        Store rogueCa = selfSignedCa("rogue-ca", "CN=rogue-ca,O=nobody-trusts-me");
        Path caPem = exportCertificate(ca, "ca");
        Path rogueCaPem = exportCertificate(rogueCa, "rogue-ca");
        this.truststore = truststore("truststore", caPem);
        this.untrustedTruststore = truststore("rogue-truststore", rogueCaPem);
        this.brokerKeystore = signedKeystore("broker", "CN=localhost,O=cardpay-test", ca, caPem,
                "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth,clientAuth");
        this.clientKeystore = signedKeystore("client", "CN=payments-job,O=cardpay-test", ca, caPem, null, "EKU=clientAuth");
        this.clientKeyPasswordFile = writePassword("client.key.password", clientKeystore.password());
        this.untrustedClientKeystore = signedKeystore("rogue-client", "CN=payments-job,O=nobody-trusts-me", rogueCa,
                rogueCaPem, null, "EKU=clientAuth");
    }

    /** Generates everything under {@code dir}; a few seconds (eighteen short keytool runs). */
    public static TlsMaterial generate(Path dir) throws IOException, InterruptedException {
        return new TlsMaterial(dir);
    }

    /** Trusts the test CA: the broker's and the job's certificates. */
    public Store truststore() {
        return truststore;
    }

    /** Trusts only the rogue CA: the broker's certificate cannot be verified with it. */
    public Store untrustedTruststore() {
        return untrustedTruststore;
    }

    public Store brokerKeystore() {
        return brokerKeystore;
    }

    /** The job's client certificate, signed by the test CA. */
    public Store clientKeystore() {
        return clientKeystore;
    }

    /** The client key's password (PKCS12 from keytool: the same as the store's), in a file of its own. */
    public Path clientKeyPasswordFile() {
        return clientKeyPasswordFile;
    }

    /** A client certificate signed by a CA the broker does not trust. */
    public Store untrustedClientKeystore() {
        return untrustedClientKeystore;
    }

    /** Every distinct password generated, CAs included: none may show up in client properties. */
    public List<String> passwords() {
        return passwords.stream().distinct().toList();
    }

    /**
     * What a certificate renewal onto a new issuing CA needs (cert-manager moving the cluster to a
     * new CA): a trust bundle of both CAs, for the clients and for the broker during the change;
     * the job's renewed keystore, under the same password as its current one (cert-manager keeps
     * the password); the broker's renewed keystore, same name and password; and a truststore of the
     * new CA alone, under the bundle's password, for the broker once the old CA is retired.
     */
    public record Renewal(Store trustBoth, Store renewedClientKeystore, Store renewedBrokerKeystore, Store trustNewOnly) {}

    /** Generates the {@link Renewal} material; about ten more keytool runs. */
    public Renewal renewal() throws IOException, InterruptedException {
        Store renewalCa = selfSignedCa("renewal-ca", "CN=payments-renewal-ca,O=cardpay-test");
        Path renewalCaPem = exportCertificate(renewalCa, "renewal-ca");
        Store client = signedKeystore(new Store(dir.resolve("client-renewed.p12"), clientKeystore.passwordFile(),
                clientKeystore.password()), "client-renewed", "CN=payments-job,O=cardpay-test", renewalCa, renewalCaPem,
                null, "EKU=clientAuth");
        Store broker = signedKeystore(new Store(dir.resolve("broker-renewed.p12"), brokerKeystore.passwordFile(),
                brokerKeystore.password()), "broker-renewed", "CN=localhost,O=cardpay-test", renewalCa, renewalCaPem,
                "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth,clientAuth");
        Store both = newStore("trust-both");
        importTrusted(both, "ca", dir.resolve("ca.pem"));
        importTrusted(both, "renewal-ca", renewalCaPem);
        Store newOnly = new Store(dir.resolve("trust-new-only.p12"), both.passwordFile(), both.password());
        importTrusted(newOnly, "renewal-ca", renewalCaPem);
        return new Renewal(both, client, broker, newOnly);
    }

    /** The certificate of the key entry in {@code store}: the one a client presents. */
    public static X509Certificate certificate(Store store) {
        try (InputStream in = Files.newInputStream(store.path())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, store.password().toCharArray());
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    return (X509Certificate) keyStore.getCertificate(alias);
                }
            }
            throw new IllegalStateException("no key entry in " + store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + store, e);
        }
    }

    /** The broker side: its certificate, trusting the test CA; mutual TLS if asked. */
    public EmbeddedKafka.BrokerTls brokerTls(boolean requireClientCertificates) {
        return new EmbeddedKafka.BrokerTls(brokerKeystore.path(), brokerKeystore.password(), truststore.path(),
                truststore.password(), requireClientCertificates);
    }

    /**
     * A client's TLS setting in the job's own form (passwords as file references). Either store
     * may be null: no truststore means the JVM's default CAs, no keystore means no client
     * certificate.
     */
    public static KafkaTls clientTls(@Nullable Store truststore, @Nullable Store keystore) {
        return new KafkaTls(KafkaTls.SecurityProtocol.SSL,
                truststore == null ? null : truststore.path().toString(),
                truststore == null ? null : truststore.passwordFile().toString(),
                keystore == null ? null : keystore.path().toString(),
                keystore == null ? null : keystore.passwordFile().toString(),
                null);
    }

    private Store selfSignedCa(String name, String dname) throws IOException, InterruptedException {
        Store store = newStore(name);
        keytool("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign", "-validity", "2",
                "-keystore", store.path().toString(), "-storetype", "PKCS12", "-storepass:file", store.passwordFile().toString());
        return store;
    }

    private Path exportCertificate(Store store, String name) throws IOException, InterruptedException {
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", CA_ALIAS, "-keystore", store.path().toString(),
                "-storepass:file", store.passwordFile().toString(), "-file", pem.toString());
        return pem;
    }

    private Store truststore(String name, Path caPem) throws IOException, InterruptedException {
        Store store = newStore(name);
        importTrusted(store, CA_ALIAS, caPem);
        return store;
    }

    private void importTrusted(Store store, String alias, Path pem) throws IOException, InterruptedException {
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(),
                "-keystore", store.path().toString(), "-storetype", "PKCS12", "-storepass:file", store.passwordFile().toString());
    }

    /** A key pair whose certificate {@code ca} signs; the keystore holds the chain leaf, CA. */
    private Store signedKeystore(String name, String dname, Store ca, Path caPem, @Nullable String san, String eku)
            throws IOException, InterruptedException {
        return signedKeystore(newStore(name), name, dname, ca, caPem, san, eku);
    }

    private Store signedKeystore(Store store, String name, String dname, Store ca, Path caPem, @Nullable String san,
            String eku) throws IOException, InterruptedException {
        String keystore = store.path().toString();
        String storepass = store.passwordFile().toString();
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", keystore, "-storetype", "PKCS12", "-storepass:file", storepass);
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", keystore, "-storepass:file", storepass, "-file", csr.toString());
        Path cert = dir.resolve(name + ".pem");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", CA_ALIAS,
                "-keystore", ca.path().toString(), "-storepass:file", ca.passwordFile().toString(),
                "-infile", csr.toString(), "-outfile", cert.toString(), "-validity", "2",
                "-ext", "KU=digitalSignature", "-ext", eku));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        keytool(gencert.toArray(String[]::new));
        // The reply is the whole chain, so keytool needs no CA entry in the keystore.
        Path chain = dir.resolve(name + "-chain.pem");
        Files.writeString(chain, Files.readString(cert) + Files.readString(caPem));
        keytool("-importcert", "-noprompt", "-alias", name, "-file", chain.toString(), "-keystore", keystore,
                "-storepass:file", storepass);
        return store;
    }

    private Store newStore(String name) throws IOException {
        String password = randomPassword();
        return new Store(dir.resolve(name + ".p12"), writePassword(name + ".password", password), password);
    }

    private Path writePassword(String fileName, String password) throws IOException {
        passwords.add(password);
        Path file = dir.resolve(fileName);
        Files.writeString(file, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not on this file system; the directory is a test's temporary one anyway.
        }
        return file;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "pw" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool is short-lived: the C1 compiler alone starts it faster.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        // Nothing to answer: a prompt meets end of input and fails instead of waiting.
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s: " + String.join(" ", args));
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed (" + process.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
