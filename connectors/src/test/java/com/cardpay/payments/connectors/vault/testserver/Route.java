package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where a request path leads: the endpoint, the mount it is under, the key or secret name, and
 * one extra segment ({@code wrapped|plaintext} for a data key). {@code inMount} tells a path under
 * a known mount (Vault: 404 "unsupported path") from one outside every mount (404 "no handler").
 */
record Route(Endpoint endpoint, String mount, String name, String extra, boolean inMount) {

    static Route unknown(boolean inMount) {
        return new Route(Endpoint.UNKNOWN, null, null, null, inMount);
    }

    /** Routes a URL path (no query string) over the mounts that exist now; a longer mount wins. */
    static Route of(String fullPath, Collection<String> kubernetesMounts, Collection<String> kvMounts,
            Collection<String> transitMounts) {
        if (!fullPath.startsWith("/v1/")) {
            return unknown(false);
        }
        String p = fullPath.substring("/v1/".length());
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("sys/health")) {
            return new Route(Endpoint.SYS_HEALTH, null, null, null, true);
        }
        if (p.equals("auth/token/renew-self")) {
            return new Route(Endpoint.TOKEN_RENEW_SELF, "token", null, null, true);
        }
        if (p.equals("auth/token/lookup-self")) {
            return new Route(Endpoint.TOKEN_LOOKUP_SELF, "token", null, null, true);
        }
        if (p.startsWith("auth/token/")) {
            return unknown(true);
        }
        for (String mount : longestFirst(kubernetesMounts)) {
            String prefix = "auth/" + mount + "/";
            if (p.startsWith(prefix)) {
                return p.equals(prefix + "login")
                        ? new Route(Endpoint.KUBERNETES_LOGIN, mount, null, null, true)
                        : unknown(true);
            }
        }
        for (String mount : longestFirst(kvMounts)) {
            if (p.startsWith(mount + "/")) {
                String rest = p.substring(mount.length() + 1);
                return rest.startsWith("data/") && rest.length() > "data/".length()
                        ? new Route(Endpoint.KV_READ, mount, rest.substring("data/".length()), null, true)
                        : unknown(true);
            }
        }
        for (String mount : longestFirst(transitMounts)) {
            if (p.startsWith(mount + "/")) {
                return transit(mount, p.substring(mount.length() + 1).split("/", -1));
            }
        }
        return unknown(false);
    }

    private static Route transit(String mount, String[] s) {
        if (s.length == 3 && s[0].equals("datakey") && !s[2].isEmpty()) {
            return new Route(Endpoint.TRANSIT_DATAKEY, mount, s[2], s[1], true);
        }
        if (s.length == 2 && s[0].equals("decrypt") && !s[1].isEmpty()) {
            return new Route(Endpoint.TRANSIT_DECRYPT, mount, s[1], null, true);
        }
        if (s.length == 3 && s[0].equals("keys") && s[2].equals("rotate") && !s[1].isEmpty()) {
            return new Route(Endpoint.TRANSIT_ROTATE, mount, s[1], null, true);
        }
        if (s.length == 2 && s[0].equals("keys") && !s[1].isEmpty()) {
            return new Route(Endpoint.TRANSIT_READ_KEY, mount, s[1], null, true);
        }
        return unknown(true);
    }

    private static List<String> longestFirst(Collection<String> mounts) {
        List<String> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }
}
