package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Endpoint;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the server saw: method, path (no query string) and status, never bodies or
 * headers; a path segment equal to a token the server issued is replaced by {@code <redacted>}.
 */
final class RequestLog {
    private final Object lock;
    private final Predicate<String> isIssuedToken; // called with lock held
    private final List<RecordedRequest> log = new ArrayList<>(); // guarded by lock

    RequestLog(Object lock, Predicate<String> isIssuedToken) {
        this.lock = lock;
        this.isIssuedToken = isIssuedToken;
    }

    void record(String method, String path, Endpoint endpoint, int status) {
        synchronized (lock) {
            String[] segments = path.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (isIssuedToken.test(segments[i])) {
                    segments[i] = "<redacted>";
                }
            }
            log.add(new RecordedRequest(method, String.join("/", segments), endpoint, status));
        }
    }

    List<RecordedRequest> all() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    List<RecordedRequest> to(Endpoint endpoint) {
        synchronized (lock) {
            return log.stream().filter(r -> r.endpoint() == endpoint).toList();
        }
    }

    int size() {
        synchronized (lock) {
            return log.size();
        }
    }

    void clear() {
        synchronized (lock) {
            log.clear();
        }
    }
}
