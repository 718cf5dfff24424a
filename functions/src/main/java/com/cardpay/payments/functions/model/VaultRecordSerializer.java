package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;
import com.cardpay.payments.functions.serialization.RecordTypeInfoFactory;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link VaultRecord}, field by field in component order. */
public final class VaultRecordSerializer extends RecordSerializer<VaultRecord> {
    private static final long serialVersionUID = 1L;
    public static final VaultRecordSerializer INSTANCE = new VaultRecordSerializer();

    @Override
    public void serialize(VaultRecord v, DataOutputView out) throws IOException {
        Codec.writeString(out, v.cardToken());
        out.writeInt(v.tokenKeyVersion());
        Codec.writeString(out, v.algorithm());
        Codec.writeString(out, v.iv());
        Codec.writeString(out, v.ciphertext());
        Codec.writeString(out, v.wrappedDataKey());
        out.writeInt(v.dataKeyVersion());
        Codec.writeString(out, v.keyProvider());
        NestedCodecs.writeNullable(out, v.headers(), ModelCodecs.HEADERS);
    }

    @Override
    public VaultRecord deserialize(DataInputView in) throws IOException {
        return new VaultRecord(
                Codec.readString(in),
                in.readInt(),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                in.readInt(),
                Codec.readString(in),
                NestedCodecs.readNullable(in, ModelCodecs.HEADERS));
    }

    @Override
    public TypeSerializerSnapshot<VaultRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<VaultRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** {@link VaultRecord}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<VaultRecord> {
        public Factory() {
            super(VaultRecord.class, INSTANCE);
        }
    }
}
