package com.cardpay.payments.integration.testutils;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.annotation.Nullable;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 API server for a test class: Adobe's S3Mock, started from its {@code exec} jar as its
 * own JVM (on the test classpath its logging clashes with Flink's), on free ports, with one bucket,
 * storing into a temporary directory that goes away with it.
 *
 * <pre>
 * &#64;RegisterExtension &#64;Order(1) static final S3MockServer S3 = new S3MockServer("checkpoints");
 * </pre>
 *
 * {@code beforeAll} only launches the process, so that it boots while the broker and the
 * MiniCluster start; the first call that needs it ({@link #endpoint()} and the rest) waits until
 * it answers. If it cannot start, that call fails, with the server's own log: a test never runs
 * without it. The reads here ({@link #keys}, {@link #get}) are plain HTTP, not the S3 file system
 * under test, so what they see is what the server holds.
 */
public final class S3MockServer implements BeforeAllCallback, AfterAllCallback {
    private static final Path JARS = Path.of("target", "s3mock");
    private static final Duration START_WITHIN = Duration.ofSeconds(90);
    private static final int LAUNCH_ATTEMPTS = 3;

    private final String bucket;
    /** KMS key ARNs S3Mock accepts in x-amz-server-side-encryption-aws-kms-key-id; it refuses others. */
    private final List<String> validKmsKeys;
    @Nullable
    private final TlsMaterial.Store httpsKeystore;
    private int httpsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Path root;
    private Path log;
    private int httpPort;
    private boolean ready;

    public S3MockServer(String bucket) {
        this(bucket, List.of());
    }

    /**
     * With KMS keys that S3Mock knows: a write that asks for SSE-KMS with another key is refused
     * ({@code KMS.NotFoundException}), one with a known key is stored with its encryption headers,
     * which HEAD and GET return as S3 does.
     */
    public S3MockServer(String bucket, List<String> validKmsKeys) {
        this(bucket, validKmsKeys, null);
    }

    /**
     * As above, serving HTTPS ({@link #httpsEndpoint()}) with the key and certificate in {@code
     * httpsKeystore} instead of S3Mock's own: the AWS SDK sends no encryption headers over plain
     * HTTP, so SSE-KMS needs this.
     */
    public S3MockServer(String bucket, List<String> validKmsKeys, @Nullable TlsMaterial.Store httpsKeystore) {
        this.bucket = bucket;
        this.validKmsKeys = List.copyOf(validKmsKeys);
        this.httpsKeystore = httpsKeystore;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("s3mock-root");
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        // S3Mock deletes its root on a clean exit; this is for the other exits.
        if (root != null && Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:<port>}, once the server answers. */
    public URI endpoint() {
        awaitReady();
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The HTTPS endpoint, {@code https://127.0.0.1:<port>}, once the server answers. */
    public URI httpsEndpoint() {
        awaitReady();
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    public String bucket() {
        return bucket;
    }

    /** Every object key in the bucket under {@code prefix}, in S3's order (ListObjectsV2, all pages). */
    public List<String> keys(String prefix) {
        awaitReady();
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2&prefix=" + encode(prefix) + (token == null ? "" : "&continuation-token=" + encode(token));
            Document page = xml(request("/" + bucket + "?" + query));
            NodeList contents = page.getElementsByTagName("Key");
            for (int i = 0; i < contents.getLength(); i++) {
                keys.add(contents.item(i).getTextContent());
            }
            NodeList next = page.getElementsByTagName("NextContinuationToken");
            token = next.getLength() == 0 ? null : next.item(0).getTextContent();
        } while (token != null);
        return keys;
    }

    /** The content of one object. */
    public byte[] get(String key) {
        awaitReady();
        return request("/" + bucket + "/" + key);
    }

    /**
     * The response headers of HEAD on one object, names in lower case (as HTTP/1.1 allows); null
     * if there is no such object (any more: Flink deletes what no checkpoint needs).
     */
    @Nullable
    public Map<String, List<String>> head(String key) {
        awaitReady();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/" + bucket
                    + "/" + key)).method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("S3Mock answered " + response.statusCode() + " to HEAD " + key);
            }
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return headers;
        } catch (IOException e) {
            throw new AssertionError("HEAD " + key + " on S3Mock failed; its log:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The server's log, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void launch() throws IOException {
        Path jar = jar();
        httpPort = freePort();
        httpsPort = freePort();
        Files.createDirectories(JARS);
        log = JARS.resolve("s3mock-" + httpPort + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small server: little heap, one GC thread, and no time spent optimising code
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.http-port=" + httpPort,
                "--server.port=" + httpsPort,
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + root)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket);
        if (httpsKeystore != null) {
            // A throw-away test store: its password on the command line harms nothing.
            builder.command().addAll(List.of("--server.ssl.key-store=" + httpsKeystore.path().toAbsolutePath(),
                    "--server.ssl.key-store-type=PKCS12", "--server.ssl.key-store-password=" + httpsKeystore.password(),
                    "--server.ssl.key-password=" + httpsKeystore.password(), "--server.ssl.key-alias=" + httpsKeyAlias()));
        }
        if (!validKmsKeys.isEmpty()) {
            builder.command().add("--com.adobe.testing.s3mock.store.valid-kms-keys=" + String.join(",", validKmsKeys));
        }
        process = builder.start();
        ready = false;
    }

    private synchronized void awaitReady() {
        if (ready) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            long deadline = System.nanoTime() + START_WITHIN.toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                if (answers()) {
                    ready = true;
                    return;
                }
                sleep(200);
            }
            // Exited: most likely another process took a port between choosing it and binding it.
            String why = process.isAlive() ? "did not answer within " + START_WITHIN : "exited with " + process.exitValue();
            stop();
            if (attempt == LAUNCH_ATTEMPTS) {
                throw new AssertionError("S3Mock " + why + " (" + LAUNCH_ATTEMPTS + " attempts); its log:\n" + logTail());
            }
            try {
                launch();
            } catch (IOException e) {
                throw new AssertionError("cannot start S3Mock again", e);
            }
        }
    }

    /** Whether the server lists the bucket: then it is up and the bucket exists. */
    private boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/" + bucket + "?list-type=2&max-keys=1"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for S3Mock", e);
        }
    }

    /**
     * GET, retried on a 5xx as every S3 client does (S3A too). S3Mock answers 500 when it lists or
     * reads an object that a concurrent request is deleting, which Flink does all the time.
     */
    private byte[] request(String pathAndQuery) {
        try {
            HttpResponse<byte[]> response = null;
            for (int attempt = 1; attempt <= 5; attempt++) {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() < 500) {
                    break;
                }
                Thread.sleep(100L * attempt);
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("S3Mock answered " + response.statusCode() + " to GET " + pathAndQuery + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " from S3Mock failed; its log:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Document xml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new AssertionError("S3Mock sent what is not XML: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The alias of the key entry in the HTTPS keystore (S3Mock would look for its own, "selfsigned"). */
    private String httpsKeyAlias() throws IOException {
        try (var in = Files.newInputStream(httpsKeystore.path())) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, httpsKeystore.password().toCharArray());
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
            throw new IOException("no key entry in " + httpsKeystore);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read " + httpsKeystore, e);
        }
    }

    private static Path jar() throws IOException {
        if (Files.isDirectory(JARS)) {
            try (Stream<Path> files = Files.list(JARS)) {
                var found = files.filter(p -> p.getFileName().toString().matches("s3mock-.*-exec\\.jar")).findFirst();
                if (found.isPresent()) {
                    return found.get().toAbsolutePath();
                }
            }
        }
        throw new AssertionError("no s3mock-*-exec.jar in " + JARS.toAbsolutePath() + ": maven-dependency-plugin copies it "
                + "there (generate-test-resources); run 'mvn verify' from the top of the project");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
