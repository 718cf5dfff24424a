package com.cardpay.payments.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Bad arguments are refused with exit code 2 before any topic is read (no broker listens here). */
class AuditToolTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownOutputIsRefused() {
        assertThat(run("--outputs", "tokenized,settlements")).isEqualTo(2);
        assertThat(errors()).contains("--outputs: unknown output 'settlements'; choose from tokenized, vault, scored, dlq",
                "usage: audit");
    }

    @Test
    void deadLettersCannotBeAuditedAgainstAFile() {
        assertThat(run("--raw-file", "archive.jsonl")).isEqualTo(2);
        assertThat(errors()).contains("audit the dlq against the topic, not --raw-file");
    }

    @Test
    void theCompactedFlagIsTrueOrFalse() {
        assertThat(run("--vault-compacted", "yes")).isEqualTo(2);
        assertThat(errors()).contains("--vault-compacted: true or false, got 'yes'");
    }

    @Test
    void aBadConfigurationIsRefused() {
        assertThat(run("--outputs", "tokenized", "--no.such-key", "1")).isEqualTo(2);
        assertThat(errors()).contains("no.such-key");
    }

    private int run(String... args) {
        return AuditTool.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
