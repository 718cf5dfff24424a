package com.cardpay.payments.connectors.vault.testserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An answer about to be sent: status and JSON body (null: no body). */
record Response(int status, Map<String, Object> body) {

    /** 200 with Vault's response envelope around {@code data} and/or {@code auth}. */
    static Response ok(Object data, Object auth, List<String> warnings, String mountType) {
        return new Response(200, envelope(data, auth, warnings, mountType));
    }

    /** The error's status with {@code {"errors":[...]}}. */
    static Response error(VaultError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", e.errors);
        return new Response(e.status, body);
    }

    private static Map<String, Object> envelope(Object data, Object auth, List<String> warnings,
            String mountType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", UUID.randomUUID().toString());
        m.put("lease_id", "");
        m.put("renewable", false);
        m.put("lease_duration", 0);
        m.put("data", data);
        m.put("wrap_info", null);
        m.put("warnings", warnings == null || warnings.isEmpty() ? null : warnings);
        m.put("auth", auth);
        m.put("mount_type", mountType);
        return m;
    }
}
