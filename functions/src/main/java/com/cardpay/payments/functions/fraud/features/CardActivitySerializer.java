package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.serialization.Codec;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The card state's serializer, written by hand (issue 16): Flink's POJO serializer, reading and
 * writing {@link CardActivity} and its rings through reflection on every payment, was the largest
 * single item left in the pipeline's profile (6–9% of CPU samples).
 *
 * <p>Format version 1, field by field in declaration order: each nested object behind a presence
 * byte, each array as a length (-1 for null) and its elements, strings as Flink's
 * {@code StringValue}. {@link Snapshot} carries the version: a later field is added as version 2,
 * whose reader takes version-1 bytes with the field's default.
 *
 * <p>Savepoints taken before this serializer hold the card state under Flink's POJO serializer
 * snapshot. {@link Snapshot#resolveSchemaCompatibility} answers {@code compatibleAfterMigration}
 * for it: Flink reads every card with the POJO serializer restored from the savepoint and writes it
 * again with this one, on restore. The fixtures 0.1.0 and 0.2.0 restore through that path
 * ({@code FixtureRestoreITCase}).
 */
public final class CardActivitySerializer extends TypeSerializer<CardActivity> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT_VERSION = 1;
    public static final CardActivitySerializer INSTANCE = new CardActivitySerializer();

    @Override
    public void serialize(CardActivity a, DataOutputView out) throws IOException {
        writeRing(out, a.shortWindow);
        writeRing(out, a.mediumWindow);
        writeRing(out, a.longWindow);
        writeRecent(out, a.merchants);
        writeRecent(out, a.merchantCountries);
        writeLongs(out, a.smallPurchaseTimes);
        writeLongs(out, a.recentEventTimes);
        CurrencyAmountRings[] amounts = a.amountsByCurrency;
        out.writeInt(amounts == null ? -1 : amounts.length);
        if (amounts != null) {
            for (CurrencyAmountRings c : amounts) {
                out.writeBoolean(c != null);
                if (c != null) {
                    writeNullableString(out, c.currency);
                    writeRing(out, c.shortWindow);
                    writeRing(out, c.mediumWindow);
                    writeRing(out, c.longWindow);
                }
            }
        }
    }

    @Override
    public CardActivity deserialize(DataInputView in) throws IOException {
        CardActivity a = new CardActivity();
        a.shortWindow = readRing(in);
        a.mediumWindow = readRing(in);
        a.longWindow = readRing(in);
        a.merchants = readRecent(in);
        a.merchantCountries = readRecent(in);
        a.smallPurchaseTimes = readLongs(in);
        a.recentEventTimes = readLongs(in);
        int length = in.readInt();
        if (length < 0) {
            a.amountsByCurrency = null;
        } else {
            CurrencyAmountRings[] amounts = new CurrencyAmountRings[length];
            for (int i = 0; i < length; i++) {
                if (in.readBoolean()) {
                    CurrencyAmountRings c = new CurrencyAmountRings();
                    c.currency = readNullableString(in);
                    c.shortWindow = readRing(in);
                    c.mediumWindow = readRing(in);
                    c.longWindow = readRing(in);
                    amounts[i] = c;
                }
            }
            a.amountsByCurrency = amounts;
        }
        return a;
    }

    private static void writeRing(DataOutputView out, BucketRing r) throws IOException {
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeLong(r.head);
            out.writeInt(r.slots);
            out.writeLong(r.bucketMillis);
            writeLongs(out, r.buckets);
            writeLongs(out, r.counts);
            writeLongs(out, r.amounts);
        }
    }

    private static BucketRing readRing(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        BucketRing r = new BucketRing();
        r.head = in.readLong();
        r.slots = in.readInt();
        r.bucketMillis = in.readLong();
        r.buckets = readLongs(in);
        r.counts = readLongs(in);
        r.amounts = readLongs(in);
        return r;
    }

    private static void writeRecent(DataOutputView out, RecentValues v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            String[] values = v.values;
            out.writeInt(values == null ? -1 : values.length);
            if (values != null) {
                for (String s : values) {
                    writeNullableString(out, s);
                }
            }
            writeLongs(out, v.lastSeen);
        }
    }

    private static RecentValues readRecent(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        RecentValues v = new RecentValues();
        int length = in.readInt();
        if (length < 0) {
            v.values = null;
        } else {
            v.values = new String[length];
            for (int i = 0; i < length; i++) {
                v.values[i] = readNullableString(in);
            }
        }
        v.lastSeen = readLongs(in);
        return v;
    }

    private static void writeLongs(DataOutputView out, long[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    private static long[] readLongs(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void writeNullableString(DataOutputView out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            Codec.writeString(out, s);
        }
    }

    private static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? Codec.readString(in) : null;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<CardActivity> duplicate() {
        return this; // stateless
    }

    @Override
    public CardActivity createInstance() {
        return new CardActivity();
    }

    /** A deep copy, through the format itself: only the heap backend and object reuse ask for one. */
    @Override
    public CardActivity copy(CardActivity from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CardActivity copy(CardActivity from, CardActivity reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public CardActivity deserialize(CardActivity reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CardActivitySerializer;
    }

    @Override
    public int hashCode() {
        return CardActivitySerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<CardActivity> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format version, and the way from the POJO serializer's snapshot of earlier savepoints. */
    public static final class Snapshot implements TypeSerializerSnapshot<CardActivity> {
        private int readVersion = FORMAT_VERSION;

        @Override
        public int getCurrentVersion() {
            return FORMAT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {}

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) {
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IllegalStateException("card state format version " + version + " is newer than this job ("
                        + FORMAT_VERSION + "): restore it with the job version that wrote it, or a later one");
            }
            readVersion = version;
        }

        @Override
        public TypeSerializer<CardActivity> restoreSerializer() {
            return INSTANCE; // version 1 is the only format so far (readVersion picks a reader once there are two)
        }

        @Override
        public TypeSerializerSchemaCompatibility<CardActivity> resolveSchemaCompatibility(
                TypeSerializerSnapshot<CardActivity> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot old) {
                return old.readVersion == FORMAT_VERSION ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
