package com.cardpay.payments.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * What the state types rely on for schema evolution, shown on the same kind of type: a Java record
 * under Flink's POJO serializer, as the job's state types are ({@code SettlementTotals},
 * {@code EmittedWindow}, {@code LateBatch}, {@code MerchantProfile}, {@code StoredRule}; the card state,
 * {@code CardActivity}, has a hand-written versioned serializer since issue 16). Version 1 of a record
 * is compiled and written, with its serializer snapshot, as a
 * savepoint holds them; version 2, with a field added, reads them back through that snapshot as a
 * restore does: the old fields keep their values, the new field takes its default (0, null), and a
 * removed field is dropped. A changed field type is refused, not guessed: that needs a migration.
 *
 * <p>The two versions need the same class name, so each is compiled at test time into a class
 * loader of its own, as two releases of the job are two jars.
 *
 * <p>The job's own first added field, {@code SettlementTotals.timeZone} (0.2.0), is checked on the
 * committed fixture 0.1.0's bytes by {@code FixtureRestoreITCase}: it restores as null, which the
 * settlement stage reads as "cut by the UTC rule". The first test here is that case in small: a
 * {@code String} added to a record of a {@code long}, an {@code int} and a {@code String}.
 */
class StateSchemaEvolutionTest {
    private static final String NAME = "com.cardpay.payments.evolving.WindowTally";

    @TempDir
    Path dir;

    @Test
    void aFieldAddedToAStateRecordRestoresTheOlderBytesWithItsDefault() throws Exception {
        ClassLoader v1 = compile("v1", "public record WindowTally(int revision, long grossMinor, String currency) {}");
        ClassLoader v2 = compile("v2",
                "public record WindowTally(int revision, long grossMinor, String currency, long lateEventCount, String note) {}");
        Object old = v1.loadClass(NAME).getConstructors()[0].newInstance(3, 12_345L, "EUR");

        Object restored = restore(v1, old, v2);

        assertThat(restored.getClass().getClassLoader()).isSameAs(v2);
        assertThat(restored.toString()).isEqualTo("WindowTally[revision=3, grossMinor=12345, currency=EUR, lateEventCount=0, note=null]");
    }

    @Test
    void aFieldRemovedFromAStateRecordIsDropped() throws Exception {
        ClassLoader v1 = compile("v1", "public record WindowTally(int revision, long grossMinor, String currency) {}");
        ClassLoader v2 = compile("v2", "public record WindowTally(int revision, String currency) {}");
        Object old = v1.loadClass(NAME).getConstructors()[0].newInstance(3, 12_345L, "EUR");

        assertThat(restore(v1, old, v2).toString()).isEqualTo("WindowTally[revision=3, currency=EUR]");
    }

    @Test
    void aChangedFieldTypeIsRefusedNotGuessed() throws Exception {
        ClassLoader v1 = compile("v1", "public record WindowTally(int revision, long grossMinor) {}");
        ClassLoader v2 = compile("v2", "public record WindowTally(int revision, String grossMinor) {}");

        TypeSerializerSchemaCompatibility<Object> compatibility =
                serializer(v2).snapshotConfiguration().resolveSchemaCompatibility(readSnapshot(snapshotOf(v1), v2));

        assertThat(compatibility.isIncompatible()).as(compatibility.toString()).isTrue();
    }

    /** Writes {@code value} with version 1's serializer and reads it back as version 2 reads a savepoint. */
    private Object restore(ClassLoader v1, Object value, ClassLoader v2) throws Exception {
        TypeSerializer<Object> written = serializer(v1);
        DataOutputSerializer bytes = new DataOutputSerializer(64);
        written.serialize(value, bytes);
        byte[] snapshot = snapshotOf(v1);

        TypeSerializer<Object> current = serializer(v2);
        TypeSerializerSnapshot<Object> previous = readSnapshot(snapshot, v2);
        TypeSerializerSchemaCompatibility<Object> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(previous);
        assertThat(compatibility.isCompatibleAfterMigration()).as(compatibility.toString()).isTrue();
        // a restore reads with the previous serializer, then writes with the current one
        Object read = previous.restoreSerializer().deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        DataOutputSerializer migrated = new DataOutputSerializer(64);
        current.serialize(read, migrated);
        return current.deserialize(new DataInputDeserializer(migrated.getCopyOfBuffer()));
    }

    private static byte[] snapshotOf(ClassLoader version) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(out, serializer(version).snapshotConfiguration());
        return out.getCopyOfBuffer();
    }

    private static TypeSerializerSnapshot<Object> readSnapshot(byte[] snapshot, ClassLoader loader) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(new DataInputDeserializer(snapshot), loader);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializer<Object> serializer(ClassLoader version) throws Exception {
        Class<Object> type = (Class<Object>) version.loadClass(NAME);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        var info = TypeExtractor.createTypeInfo(type);
        assertThat(info).as("a POJO, no Kryo").isInstanceOf(PojoTypeInfo.class);
        return info.createSerializer(config);
    }

    private ClassLoader compile(String version, String declaration) throws Exception {
        Path sources = Files.createDirectories(dir.resolve(version).resolve("src/com/cardpay/payments/evolving"));
        Path classes = Files.createDirectories(dir.resolve(version).resolve("classes"));
        Path file = Files.writeString(sources.resolve("WindowTally.java"), "package com.cardpay.payments.evolving;\n" + declaration);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, List.of("-d", classes.toString(), file.toString()).toArray(String[]::new));
        assertThat(exit).as("javac " + file).isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }
}
