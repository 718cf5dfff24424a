package com.cardpay.payments.connectors.vault.testserver;

import java.util.List;

/** A Vault error answer: status plus the messages of {@code {"errors":[...]}}. */
final class VaultError extends Exception {
    static final String PERMISSION_DENIED = "permission denied";

    final int status;
    final List<String> errors;

    VaultError(int status, String... errors) {
        super(errors.length == 0 ? "status " + status : String.join("; ", errors));
        this.status = status;
        this.errors = List.of(errors);
    }
}
