package com.cardpay.payments.integration.testutils;

import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.MasterState;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractChannelStateHandle;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.StateObject;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filemerging.SegmentFileStateHandle;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.TableProperties;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a checkpoint, savepoint or RocksDB directory holds, read three ways for {@link CardDataScan}:
 *
 * <ol>
 *   <li>every file as raw bytes (source {@code <name>});
 *   <li>every RocksDB SST file entry by entry, through RocksDB's own {@link SstFileReader} (source
 *       {@code <name> / sst entries}). Flink 2.2 writes SST files with Snappy compression on every
 *       level by default ({@code state.backend.rocksdb.compression.per.level: SNAPPY_COMPRESSION}),
 *       and Snappy replaces any 4-byte sequence that repeats within a 4 KiB data block by a
 *       back-reference, so a raw scan of an SST file can miss a card number that is there;
 *   <li>every state handle that Flink inlined into a {@code _metadata} file (handles under
 *       {@code state.storage.fs.memory-threshold}, 20 KiB by default: small SST files, operator
 *       state, coordinator and master state), as bytes and, if it is an SST file, entry by entry
 *       (source {@code <name> / inline state}).
 * </ol>
 *
 * A state handle type that this class does not know fails the scan instead of being skipped.
 */
public final class StateFiles {
    /** RocksDB's block-based table magic number, the last 8 bytes (little-endian) of an SST file. */
    private static final long BLOCK_BASED_TABLE_MAGIC = 0x88e241b785f4cff7L;
    private static final long LEGACY_BLOCK_BASED_TABLE_MAGIC = 0xdb4775248b80fb57L;

    private StateFiles() {}

    static void scan(CardDataScan scan, String source, Path dir) {
        CardDataScan.Tally raw = scan.tally(source);
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        // RocksDB's working directory changes under a running job (compaction, flushes).
                        raw.count("files gone before they were read", 1);
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Collections.sort(files);
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                // RocksDB's working directory changes under a running job (compaction, flushes).
                raw.count("files gone before they were read", 1);
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            scan.scan(source, name, bytes, true);
            raw.add(1, bytes.length);
            if (isSst(bytes)) {
                raw.count("sst files", 1);
                // From the bytes just read: RocksDB deletes files under a running job.
                scanSst(scan, source + " / sst entries", name, bytes);
            }
            if (file.getFileName().toString().equals("_metadata")) {
                raw.count("_metadata files", 1);
                scanMetadata(scan, source, name, file);
            }
        }
    }

    /** True if the bytes end with RocksDB's block-based table footer. */
    public static boolean isSst(byte[] bytes) {
        if (bytes.length < 48) {
            return false;
        }
        long magic = 0;
        for (int i = 0; i < 8; i++) {
            magic |= (bytes[bytes.length - 8 + i] & 0xffL) << (8 * i);
        }
        return magic == BLOCK_BASED_TABLE_MAGIC || magic == LEGACY_BLOCK_BASED_TABLE_MAGIC;
    }

    /** Decodes an SST file from its bytes (through a temporary copy: RocksDB reads files only). */
    private static void scanSst(CardDataScan scan, String source, String name, byte[] sst) {
        try {
            Path tmp = Files.createTempFile("card-data-scan-", ".sst");
            try {
                Files.write(tmp, sst);
                scanSst(scan, source, name, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scanSst(CardDataScan scan, String source, String name, Path file) {
        CardDataScan.Tally tally = scan.tally(source);
        RocksDB.loadLibrary();
        try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
            reader.open(file.toString());
            TableProperties properties = reader.getTableProperties();
            tally.count("compression " + properties.getCompressionName(), 1);
            long entries = 0;
            long bytes = 0;
            try (ReadOptions read = new ReadOptions(); SstFileReaderIterator it = reader.newIterator(read)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    byte[] value = it.value();
                    scan.scan(source, name + " entry " + entries + " key", key, true);
                    scan.scan(source, name + " entry " + entries + " value", value, true);
                    entries++;
                    bytes += key.length + value.length;
                }
                it.status();
            }
            tally.add(entries, bytes);
            tally.count("sst files", 1);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB cannot read " + file + " (" + e.getMessage() + "); the scan would be blind to it", e);
        }
    }

    private static void scanMetadata(CardDataScan scan, String rootSource, String name, Path metadata) {
        CheckpointMetadata md;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(metadata)))) {
            md = Checkpoints.loadCheckpointMetadata(in, StateFiles.class.getClassLoader(), metadata.getParent().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load checkpoint metadata " + metadata, e);
        }
        Visitor visitor = new Visitor(scan, rootSource, name);
        for (MasterState master : md.getMasterStates()) {
            visitor.bytes("master state " + master.name(), master.bytes());
        }
        for (OperatorState operator : md.getOperatorStates()) {
            String op = operator.getOperatorUid().or(operator::getOperatorName).orElse(operator.getOperatorID().toString());
            visitor.visit(op + " coordinator", operator.getCoordinatorState());
            operator.getSubtaskStates().forEach((subtask, state) -> visitor.visitSubtask(op + "[" + subtask + "]", state));
        }
    }

    /** Walks Flink's state handles down to the bytes; fails on a handle type it does not know. */
    private static final class Visitor {
        private final CardDataScan scan;
        private final String rootSource;
        private final String source;
        private final String metadataName;

        Visitor(CardDataScan scan, String rootSource, String metadataName) {
            this.scan = scan;
            this.rootSource = rootSource;
            this.source = rootSource + " / inline state";
            this.metadataName = metadataName;
        }

        void visitSubtask(String where, OperatorSubtaskState state) {
            state.getManagedKeyedState().forEach(h -> visit(where + " managed keyed", h));
            state.getRawKeyedState().forEach(h -> visit(where + " raw keyed", h));
            state.getManagedOperatorState().forEach(h -> visit(where + " managed operator", h));
            state.getRawOperatorState().forEach(h -> visit(where + " raw operator", h));
            state.getInputChannelState().forEach(h -> visit(where + " input channel", h));
            state.getResultSubpartitionState().forEach(h -> visit(where + " result subpartition", h));
        }

        void visit(String where, StateObject handle) {
            if (handle == null) {
                return;
            }
            if (handle instanceof IncrementalRemoteKeyedStateHandle h) {
                for (HandleAndLocalPath p : h.getSharedState()) {
                    visit(where + " shared " + p.getLocalPath(), p.getHandle());
                }
                for (HandleAndLocalPath p : h.getPrivateState()) {
                    visit(where + " private " + p.getLocalPath(), p.getHandle());
                }
                visit(where + " meta", h.getMetaDataStateHandle());
            } else if (handle instanceof KeyGroupsStateHandle h) {
                visit(where, h.getDelegateStateHandle());
            } else if (handle instanceof OperatorStreamStateHandle h) {
                visit(where, h.getDelegateStateHandle());
            } else if (handle instanceof AbstractChannelStateHandle<?> h) {
                visit(where, h.getDelegate());
            } else if (handle instanceof SegmentFileStateHandle h) {
                // File merging: a segment of a shared file; the whole file is scanned raw, but an
                // SST file inside it has to be cut out to be decoded.
                bytes(where + " (file segment)", read(h));
            } else if (handle instanceof StreamStateHandle h) {
                // Inline handles are decoded here; file handles are files in the directory, which
                // the raw pass reads (and decodes if they are SST files).
                h.asBytesIfInMemory().ifPresentOrElse(b -> bytes(where, b),
                        () -> scan.tally(source).count("file handles (scanned as files)", 1));
            } else {
                throw new IllegalStateException("unknown state handle " + handle.getClass().getName() + " at " + where
                        + " in " + metadataName + ": teach StateFiles to read it, or the card-data scan is blind to it");
            }
        }

        void bytes(String where, byte[] bytes) {
            String location = metadataName + " " + where;
            scan.scan(source, location, bytes, true);
            scan.tally(source).add(1, bytes.length);
            if (isSst(bytes)) {
                scanSst(scan, rootSource + " / sst entries", location, bytes);
            }
        }

        private static byte[] read(StreamStateHandle handle) {
            try (InputStream in = handle.openInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read state handle " + handle, e);
            }
        }
    }
}
