package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Endpoint;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Outage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What goes wrong on purpose: injected error answers, a delay before every request, and outages
 * (see {@link FakeVaultServer}'s Faults section). {@link HttpCore} asks it about each request; an
 * outage that refuses connections closes and reopens {@link HttpCore}'s listener.
 */
final class Faults {
    private final Object lock;
    private final List<Rule> rules = new ArrayList<>(); // guarded by lock
    private volatile Outage outage;
    private volatile Duration responseDelay = Duration.ZERO;

    Faults(Object lock) {
        this.lock = lock;
    }

    // ------------------------------------------------------------------------------------------
    // Injected errors
    // ------------------------------------------------------------------------------------------

    void failNextRequests(int count, int status, Endpoint endpoint) {
        if (count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count >= 1 and an error status: " + count + ", " + status);
        }
        synchronized (lock) {
            rules.add(new Rule(endpoint, status, count));
        }
    }

    void clear() {
        synchronized (lock) {
            rules.clear();
        }
    }

    int pending() {
        synchronized (lock) {
            return rules.stream().mapToInt(f -> f.remaining).sum();
        }
    }

    /** The answer of the first rule that matches {@code endpoint}, used up by one; null if none. */
    Response injected(Endpoint endpoint) {
        synchronized (lock) {
            for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
                Rule rule = it.next();
                if (rule.endpoint == null || rule.endpoint == endpoint) {
                    rule.remaining--;
                    if (rule.remaining <= 0) {
                        it.remove();
                    }
                    return Response.error(new VaultError(rule.status, message(rule.status)));
                }
            }
            return null;
        }
    }

    private static String message(int status) {
        return switch (status) {
            case 412 -> "required index state not present";
            case 429 -> "rate limit quota exceeded";
            case 500 -> "internal error";
            case 502 -> "bad gateway";
            case 503 -> "Vault is sealed";
            case 504 -> "context deadline exceeded";
            default -> "injected fault (" + status + ")";
        };
    }

    // ------------------------------------------------------------------------------------------
    // Latency
    // ------------------------------------------------------------------------------------------

    void setResponseDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay);
        }
        this.responseDelay = delay;
    }

    Duration responseDelay() {
        return responseDelay;
    }

    // ------------------------------------------------------------------------------------------
    // Outages
    // ------------------------------------------------------------------------------------------

    /** The outage in force, or null. */
    Outage outage() {
        return outage;
    }

    void goDown(Outage how, HttpCore http) {
        synchronized (lock) {
            http.ensureOpen();
            if (outage == Outage.CONNECTION_REFUSED && how != Outage.CONNECTION_REFUSED) {
                http.restartListener();
            }
            outage = how;
            if (how == Outage.CONNECTION_REFUSED) {
                http.stopListener();
            }
        }
    }

    void comeBack(HttpCore http) {
        synchronized (lock) {
            http.ensureOpen();
            if (!http.isListening()) {
                http.restartListener();
            }
            outage = null;
        }
    }

    private static final class Rule {
        final Endpoint endpoint;
        final int status;
        int remaining;

        Rule(Endpoint endpoint, int status, int remaining) {
            this.endpoint = endpoint;
            this.status = status;
            this.remaining = remaining;
        }
    }
}
