package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Endpoint;
import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.Outage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of {@link FakeVaultServer}: the listener on a free port of 127.0.0.1, and one
 * handler for every request: delay, outage and injected fault ({@link Faults}), then the
 * {@link Route}, the method and token checks, and the engine. Answers {@code GET /v1/sys/health}
 * itself (unauthenticated; 200, or 503 while sealed). Every request goes into the
 * {@link RequestLog} before its answer is sent.
 */
final class HttpCore {
    private final Parts parts;
    private final Object lock;
    private final ExecutorService executor;
    private final InetSocketAddress boundAddress;
    // Guarded by lock.
    private HttpServer server;
    private boolean closed;

    HttpCore(Parts parts) throws IOException {
        this.parts = parts;
        this.lock = parts.lock();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-vault-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = newServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.boundAddress = server.getAddress();
    }

    // ------------------------------------------------------------------------------------------
    // Listener
    // ------------------------------------------------------------------------------------------

    /** Starts answering on the port bound at construction. */
    void start() {
        server.start();
    }

    InetSocketAddress boundAddress() {
        return boundAddress;
    }

    private HttpServer newServer(InetSocketAddress address) throws IOException {
        HttpServer s = HttpServer.create(address, 64);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        return s;
    }

    // The next four with lock held.

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("fake Vault is closed");
        }
    }

    boolean isListening() {
        return server != null;
    }

    /** Closes the listening socket: connections are refused. */
    void stopListener() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    void restartListener() {
        try {
            server = newServer(boundAddress);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + boundAddress + " again", e);
        }
    }

    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopListener();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Requests
    // ------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Route route;
        synchronized (lock) {
            route = Route.of(path, parts.kubernetes().mounts(), parts.kv().mounts(), parts.transit().mounts());
        }
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Duration delay = parts.faults().responseDelay();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Outage current = parts.faults().outage();
            if (current == Outage.CONNECTION_DROPPED || current == Outage.CONNECTION_REFUSED) {
                parts.log().record(method, path, route.endpoint(), 0);
                return; // finally: the connection is closed unanswered
            }
            Response response;
            if (current == Outage.SEALED) {
                response = route.endpoint() == Endpoint.SYS_HEALTH
                        ? new Response(503, health(true))
                        : Response.error(new VaultError(503, "Vault is sealed"));
            } else {
                response = parts.faults().injected(route.endpoint());
                if (response == null) {
                    response = dispatch(method, route, exchange, body);
                }
            }
            // recorded before it is sent: a client that has its answer finds it in the log
            parts.log().record(method, path, route.endpoint(), response.status());
            send(exchange, response);
        } catch (InterruptedException e) {
            parts.log().record(method, path, route.endpoint(), 0);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Response response = Response.error(new VaultError(500, "internal error: " + e));
            parts.log().record(method, path, route.endpoint(), 500);
            send(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private Response dispatch(String method, Route route, HttpExchange exchange, byte[] body) {
        try {
            Endpoint endpoint = route.endpoint();
            if (endpoint == Endpoint.SYS_HEALTH) {
                requireMethod(method, "GET");
                return new Response(200, health(false));
            }
            if (endpoint == Endpoint.KUBERNETES_LOGIN) {
                requireMethod(method, "POST", "PUT");
                return parts.kubernetes().login(route.mount(), Json.parseBody(body));
            }
            synchronized (lock) {
                TokenEntry token = parts.tokens().live(requestToken(exchange));
                if (token == null) {
                    throw new VaultError(403, VaultError.PERMISSION_DENIED);
                }
                return switch (endpoint) {
                    case TOKEN_RENEW_SELF -> {
                        requireMethod(method, "POST", "PUT");
                        yield parts.tokens().renewSelf(token, Json.parseBody(body));
                    }
                    case TOKEN_LOOKUP_SELF -> {
                        requireMethod(method, "GET", "POST", "PUT");
                        yield parts.tokens().lookupSelf(token);
                    }
                    case KV_READ -> {
                        if (List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                            throw new VaultError(403, VaultError.PERMISSION_DENIED); // read-only policy
                        }
                        requireMethod(method, "GET");
                        yield parts.kv().read(route, exchange.getRequestURI().getRawQuery());
                    }
                    case TRANSIT_DATAKEY -> {
                        requireMethod(method, "POST", "PUT");
                        yield parts.transit().datakey(route, Json.parseBody(body));
                    }
                    case TRANSIT_DECRYPT -> {
                        requireMethod(method, "POST", "PUT");
                        yield parts.transit().decrypt(route, Json.parseBody(body));
                    }
                    case TRANSIT_ROTATE -> {
                        requireMethod(method, "POST", "PUT");
                        yield parts.transit().rotate(route);
                    }
                    case TRANSIT_READ_KEY -> {
                        if (List.of("POST", "PUT", "DELETE").contains(method)) {
                            throw new VaultError(403, VaultError.PERMISSION_DENIED); // no key management
                        }
                        requireMethod(method, "GET");
                        yield parts.transit().readKey(route);
                    }
                    default -> throw route.inMount()
                            ? new VaultError(404, "1 error occurred:\n\t* unsupported path\n\n")
                            : new VaultError(404, "no handler for route \""
                                    + exchange.getRequestURI().getPath().replaceFirst("^/v1/", "")
                                    + "\". route entry not found.");
                };
            }
        } catch (VaultError e) {
            return Response.error(e);
        }
    }

    private static void requireMethod(String method, String... allowed) throws VaultError {
        if (!List.of(allowed).contains(method)) {
            throw new VaultError(405, "1 error occurred:\n\t* unsupported operation\n\n");
        }
    }

    /** {@code X-Vault-Token}, else an {@code Authorization: Bearer} token, else null. */
    private static String requestToken(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (token == null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = authorization.substring(7).trim();
            }
        }
        return token;
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Map<String, Object> health(boolean sealed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initialized", true);
        m.put("sealed", sealed);
        m.put("standby", sealed);
        m.put("performance_standby", false);
        m.put("replication_performance_mode", "disabled");
        m.put("replication_dr_mode", "disabled");
        m.put("server_time_utc", parts.clock().instant().getEpochSecond());
        m.put("version", "1.17.0+fake");
        m.put("cluster_name", "fake-vault");
        m.put("cluster_id", "00000000-0000-0000-0000-000000000000");
        return m;
    }
}
