package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.ValueCodec;

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
 * <p>Format version 1, field by field in declaration order, as the stream records' serializers
 * write nested values ({@link NestedCodecs}): each nested object behind a presence byte, each array
 * as a length (-1 for null) and its elements, strings as Flink's {@code StringValue}. {@link Snapshot} carries the version: a later field is added as version 2,
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
        NestedCodecs.writeNullable(out, a.shortWindow, RING);
        NestedCodecs.writeNullable(out, a.mediumWindow, RING);
        NestedCodecs.writeNullable(out, a.longWindow, RING);
        NestedCodecs.writeNullable(out, a.merchants, RECENT);
        NestedCodecs.writeNullable(out, a.merchantCountries, RECENT);
        Codec.writeLongs(out, a.smallPurchaseTimes);
        Codec.writeLongs(out, a.recentEventTimes);
        NestedCodecs.writeArray(out, a.amountsByCurrency, AMOUNTS);
    }

    @Override
    public CardActivity deserialize(DataInputView in) throws IOException {
        CardActivity a = new CardActivity();
        a.shortWindow = NestedCodecs.readNullable(in, RING);
        a.mediumWindow = NestedCodecs.readNullable(in, RING);
        a.longWindow = NestedCodecs.readNullable(in, RING);
        a.merchants = NestedCodecs.readNullable(in, RECENT);
        a.merchantCountries = NestedCodecs.readNullable(in, RECENT);
        a.smallPurchaseTimes = Codec.readLongs(in);
        a.recentEventTimes = Codec.readLongs(in);
        a.amountsByCurrency = NestedCodecs.readArray(in, CurrencyAmountRings[]::new, AMOUNTS);
        return a;
    }

    private static final ValueCodec<BucketRing> RING = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, BucketRing r) throws IOException {
            out.writeLong(r.head);
            out.writeInt(r.slots);
            out.writeLong(r.bucketMillis);
            Codec.writeLongs(out, r.buckets);
            Codec.writeLongs(out, r.counts);
            Codec.writeLongs(out, r.amounts);
        }

        @Override
        public BucketRing read(DataInputView in) throws IOException {
            BucketRing r = new BucketRing();
            r.head = in.readLong();
            r.slots = in.readInt();
            r.bucketMillis = in.readLong();
            r.buckets = Codec.readLongs(in);
            r.counts = Codec.readLongs(in);
            r.amounts = Codec.readLongs(in);
            return r;
        }
    };

    private static final ValueCodec<String> STRING = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, String value) throws IOException {
            Codec.writeString(out, value);
        }

        @Override
        public String read(DataInputView in) throws IOException {
            return Codec.readString(in);
        }
    };

    private static final ValueCodec<RecentValues> RECENT = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, RecentValues v) throws IOException {
            NestedCodecs.writeArray(out, v.values, STRING);
            Codec.writeLongs(out, v.lastSeen);
        }

        @Override
        public RecentValues read(DataInputView in) throws IOException {
            RecentValues v = new RecentValues();
            v.values = NestedCodecs.readArray(in, String[]::new, STRING);
            v.lastSeen = Codec.readLongs(in);
            return v;
        }
    };

    private static final ValueCodec<CurrencyAmountRings> AMOUNTS = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, CurrencyAmountRings c) throws IOException {
            Codec.writeString(out, c.currency); // null-safe
            NestedCodecs.writeNullable(out, c.shortWindow, RING);
            NestedCodecs.writeNullable(out, c.mediumWindow, RING);
            NestedCodecs.writeNullable(out, c.longWindow, RING);
        }

        @Override
        public CurrencyAmountRings read(DataInputView in) throws IOException {
            CurrencyAmountRings c = new CurrencyAmountRings();
            c.currency = Codec.readString(in);
            c.shortWindow = NestedCodecs.readNullable(in, RING);
            c.mediumWindow = NestedCodecs.readNullable(in, RING);
            c.longWindow = NestedCodecs.readNullable(in, RING);
            return c;
        }
    };

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
