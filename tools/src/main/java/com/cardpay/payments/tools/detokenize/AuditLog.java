package com.cardpay.payments.tools.detokenize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The detokenization audit trail: one JSON line per event, appended to a regular file and forced
 * to disk before {@link #append} returns. Anything that would swallow the line is refused: a
 * device such as {@code /dev/null}, a FIFO, a socket, a directory, a symbolic link to any of them,
 * and a dangling link. A link to a regular file is followed. The file is never truncated.
 */
final class AuditLog {
    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /**
     * Appends one line (without its line break) and forces it to disk.
     *
     * @throws IOException if the line is not durably in a regular file; the message names the path
     */
    void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = openRegularFile()) {
            long before = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            // Checked on the open file itself, in case the path was swapped after the check below:
            // a regular file grows by what was appended; a device or FIFO reports size 0.
            if (channel.size() < before + bytes.length) {
                throw new IOException(file + " did not keep the audit line: not a regular file");
            }
        }
    }

    private FileChannel openRegularFile() throws IOException {
        BasicFileAttributes attributes;
        try {
            // Follows links, so a link is judged by what it points to. Checked before opening:
            // opening a FIFO for writing blocks until someone reads it.
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            // CREATE_NEW also refuses a dangling link (rather than creating its target elsewhere).
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file (it is "
                    + (attributes.isDirectory() ? "a directory" : "a device, FIFO or socket")
                    + "); the audit log must be a regular file, or a path where one can be created");
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
