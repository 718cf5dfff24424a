package com.cardpay.payments.tools.detokenize;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * No audit, no reveal: the tool refuses, before it reads any topic, an audit log that is not a
 * regular file, and records the operating system's user, not an overridable property. (The reveal
 * itself, on a real broker and Vault stand-in, is in {@code VaultTokenizationITCase}.)
 */
class DetokenizeToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void devNullIsNoAuditLog() {
        assertRefused(Path.of("/dev/null"));
    }

    @Test
    void aDirectoryIsNoAuditLog() {
        assertRefused(dir);
    }

    @Test
    void aSymlinkToDevNullIsNoAuditLog() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("detokenize.audit"), Path.of("/dev/null"));

        assertRefused(link);
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
    }

    /** A FIFO swallows the line as /dev/null does, once someone reads it; with no reader, opening it blocks. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsNoAuditLog() throws Exception {
        Path fifo = dir.resolve("detokenize.audit");
        // No skip when mkfifo is missing: start() then throws and the test fails.
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as(new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();

        assertRefused(fifo);
    }

    @Test
    void theUserIsTheOperatingSystemsNotTheUserNameProperty() throws Exception {
        Path mine = Files.createFile(dir.resolve("made-by-this-process"));
        String osUser = Files.getOwner(mine).getName();
        Object osUid = Files.getAttribute(mine, "unix:uid");
        String property = System.getProperty("user.name");
        System.setProperty("user.name", "someone-else");
        JsonNode line;
        try {
            line = JSON.readTree(DetokenizeTool.auditLine("tok_v1_x", "dispute CB-1", "requested"));
        } finally {
            System.setProperty("user.name", property);
        }

        assertThat(line.get("user").asText()).isEqualTo(osUser).isNotEqualTo("someone-else");
        assertThat(line.get("uid").asLong()).isEqualTo(((Number) osUid).longValue());
    }

    /**
     * An operator who pastes the card number instead of its token, or writes it into the reason
     * ("dispute for 4111 1111 1111 1111"), must not put it into the audit log, a file kept for years.
     */
    @Test
    void aCardNumberGivenAsTokenOrReasonNeverReachesTheAuditLog() {
        String line = DetokenizeTool.auditLine("4111111111111111", "chargeback for card 4111 1111 1111 1111", "requested",
                Instant.parse("2026-12-03T13:55:20Z"));

        assertThat(CardNumberDetector.containsCardNumber(line)).as(line).isFalse();
    }

    /**
     * The audit line's own time must not look like a card number either. CI once wrote
     * "13:55:20.499508887", a 15-digit chain, and the line above failed at random; the instant
     * here has every sub-second digit set.
     */
    @Test
    void theAuditTimeIsNeverReadAsACardNumber() {
        String line = DetokenizeTool.auditLine("tok_v1_x", "dispute CB-1", "requested", Instant.parse("2026-12-03T23:59:59.999999999Z"));

        assertThat(CardNumberDetector.containsCardNumber(line)).as(line).isFalse();
        assertThat(line).contains("\"time\":\"2026-12-03T23:59:59.999Z\"");
    }

    private void assertRefused(Path auditLog) {
        int exit = DetokenizeTool.run(new String[] {"--token", "tok_v1_AAAA", "--reason", "dispute CB-1234",
                        "--audit-log", auditLog.toString(), "--tokenization.key-provider", "local", "--development.allow-insecure", "true",
                        // nothing listens there: a tool that got past the audit would fail later, and differently
                        "--kafka.bootstrap-servers", "127.0.0.1:9"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(errors).isEqualTo(1);
        assertThat(errors).contains("not a regular file", "Refusing to detokenize without an audit trail");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
