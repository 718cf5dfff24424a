package com.cardpay.payments.connectors.vault.testserver;

/** Checks and normalisation for the arguments of {@link FakeVaultServer}'s control calls. */
final class Args {
    private Args() {}

    static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
