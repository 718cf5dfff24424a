package com.cardpay.payments.connectors.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.SslConfig;
import io.github.jopenlibs.vault.VaultException;

import javax.annotation.Nullable;
import java.io.File;

/**
 * TLS settings for the Vault client. The driver's {@link SslConfig} reads {@code VAULT_SSL_VERIFY}
 * and {@code VAULT_SSL_CERT} from environment variables unless told otherwise, so a stray variable
 * on a task manager could turn certificate checks off or swap the trusted CA. Here verification is
 * set on explicitly, and the driver is given an environment that holds nothing.
 */
final class VaultTls {
    /** What the driver sees of the environment: nothing (no VAULT_TOKEN, VAULT_ADDR, VAULT_SSL_*). */
    static final EnvironmentLoader NO_ENVIRONMENT = new NoEnvironment();

    private VaultTls() {}

    /** Verifies Vault's certificate against {@code caCertPath} (PEM), or the JVM's trust store when null. */
    static SslConfig sslConfig(@Nullable String caCertPath) throws VaultException {
        return sslConfig(caCertPath, NO_ENVIRONMENT);
    }

    /** As {@link #sslConfig(String)}, with the environment the driver may consult (tests). */
    static SslConfig sslConfig(@Nullable String caCertPath, EnvironmentLoader environment) throws VaultException {
        SslConfig ssl = new EnvironmentBoundSslConfig(environment).verify(true);
        if (caCertPath != null) {
            ssl.pemFile(new File(caCertPath));
        }
        return ssl.build();
    }

    /** The driver's environment hook is protected: set it at construction, before build() looks. */
    private static final class EnvironmentBoundSslConfig extends SslConfig {
        private static final long serialVersionUID = 1L;

        EnvironmentBoundSslConfig(EnvironmentLoader environment) {
            environmentLoader(environment);
        }
    }

    /** Reads no environment variables. */
    private static final class NoEnvironment extends EnvironmentLoader {
        private static final long serialVersionUID = 1L;

        @Override
        public String loadVariable(String name) {
            return null;
        }
    }
}
