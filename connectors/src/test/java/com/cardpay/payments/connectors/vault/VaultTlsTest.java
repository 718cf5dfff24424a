package com.cardpay.payments.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.SslConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * TLS to Vault verifies the server whatever the process environment says: the driver's SslConfig
 * otherwise takes {@code VAULT_SSL_VERIFY} (and {@code VAULT_SSL_CERT}) from environment variables.
 * A test cannot set environment variables in-process, so it hands the driver an environment that
 * says what an attacker or a stray debugging setting would.
 */
class VaultTlsTest {
    @TempDir
    Path dir;

    @Test
    void withACaCertVerificationIsOnAndTheEnvironmentIsNeverRead() throws Exception {
        HostileEnvironment environment = new HostileEnvironment(Map.of("VAULT_SSL_VERIFY", "false",
                "VAULT_SSL_CERT", dir.resolve("someone-elses-ca.pem").toString()));

        SslConfig ssl = VaultTls.sslConfig(caCertificate().toString(), environment);

        assertThat(ssl.isVerify()).isTrue();
        assertThat(ssl.getSslContext()).as("a context that trusts the configured CA").isNotNull();
        assertThat(environment.asked).isEmpty();
    }

    @Test
    void withoutACaCertVerificationIsStillOnWhateverTheEnvironmentSays() throws Exception {
        HostileEnvironment environment = new HostileEnvironment(Map.of("VAULT_SSL_VERIFY", "false"));

        SslConfig ssl = VaultTls.sslConfig(null, environment);

        assertThat(ssl.isVerify()).isTrue();
        assertThat(environment.asked).doesNotContain("VAULT_SSL_VERIFY");
    }

    @Test
    void theEnvironmentTheJobGivesTheDriverIsEmpty() {
        assertThat(System.getenv("PATH")).as("a variable this process has").isNotNull();

        assertThat(VaultTls.NO_ENVIRONMENT.loadVariable("PATH")).isNull();
        assertThat(VaultTls.NO_ENVIRONMENT.loadVariable("VAULT_SSL_VERIFY")).isNull();
    }

    /** An environment that says what it is told to, and remembers what the driver asked it. */
    private static final class HostileEnvironment extends EnvironmentLoader {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> values;
        private final List<String> asked = new CopyOnWriteArrayList<>();

        HostileEnvironment(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String loadVariable(String name) {
            asked.add(name);
            return values.get(name);
        }
    }

    /** A throw-away CA certificate in PEM, made with the JDK's keytool. */
    private Path caCertificate() throws IOException, InterruptedException {
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "vault-ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Vault test CA", "-ext", "bc:c", "-validity", "3650",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "vault-ca", "-keystore", store.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
