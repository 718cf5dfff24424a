package com.cardpay.payments.tools.detokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The detokenization audit trail only ever grows, in a regular file. */
class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void linesAreAppendedAndWhatWasThereStays() throws Exception {
        Path file = Files.writeString(dir.resolve("detokenize.audit"), "{\"outcome\":\"earlier\"}\n");

        new AuditLog(file).append("{\"outcome\":\"requested\"}");
        new AuditLog(file).append("{\"outcome\":\"revealed\"}");

        assertThat(Files.readAllLines(file))
                .containsExactly("{\"outcome\":\"earlier\"}", "{\"outcome\":\"requested\"}", "{\"outcome\":\"revealed\"}");
    }

    @Test
    void aMissingFileAndItsDirectoriesAreCreated() throws Exception {
        Path file = dir.resolve("audit/2026/detokenize.audit");

        new AuditLog(file).append("{\"outcome\":\"requested\"}");

        assertThat(Files.readAllLines(file)).containsExactly("{\"outcome\":\"requested\"}");
        assertThat(Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aSymlinkToARegularFileIsFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("real.audit"), "{\"outcome\":\"earlier\"}\n");
        Path link = Files.createSymbolicLink(dir.resolve("detokenize.audit"), target);

        new AuditLog(link).append("{\"outcome\":\"requested\"}");

        assertThat(Files.readAllLines(target)).containsExactly("{\"outcome\":\"earlier\"}", "{\"outcome\":\"requested\"}");
    }

    @Test
    void aDanglingSymlinkIsRefusedRatherThanFollowedToCreateItsTarget() throws Exception {
        Path target = dir.resolve("never.audit");
        Path link = Files.createSymbolicLink(dir.resolve("detokenize.audit"), target);

        assertThatThrownBy(() -> new AuditLog(link).append("{}")).isInstanceOf(IOException.class);
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aSymlinkToADirectoryIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("detokenize.audit"), Files.createDirectory(dir.resolve("d")));

        assertThatThrownBy(() -> new AuditLog(link).append("{}")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a regular file");
        assertThat(List.of(dir.resolve("d").toFile().list())).isEmpty();
    }
}
