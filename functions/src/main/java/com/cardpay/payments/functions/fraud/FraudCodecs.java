package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.ValueCodec;

import java.io.IOException;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How the small values nested in this package's records are written, field by field in component
 * order; the serializers put each one behind a presence byte, and arrays of them behind a length
 * ({@link com.cardpay.payments.functions.serialization.NestedCodecs}).
 */
final class FraudCodecs {
    private FraudCodecs() {}

    static final Decision[] DECISIONS = Decision.values();

    static final ValueCodec<CardFeatures> CARD = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, CardFeatures c) throws IOException {
            out.writeLong(c.countShort());
            out.writeLong(c.countMedium());
            out.writeLong(c.countLong());
            out.writeLong(c.amountShort());
            out.writeLong(c.amountMedium());
            out.writeLong(c.amountLong());
            out.writeInt(c.distinctMerchants());
            out.writeInt(c.distinctCountries());
            out.writeBoolean(c.cardTesting());
            out.writeLong(c.secondsSincePrevious());
        }

        @Override
        public CardFeatures read(DataInputView in) throws IOException {
            return new CardFeatures(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readInt(), in.readInt(), in.readBoolean(), in.readLong());
        }
    };

    static final ValueCodec<MerchantFeatures> MERCHANT = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, MerchantFeatures m) throws IOException {
            out.writeDouble(m.amountZScore());
            out.writeDouble(m.refundRatio());
            out.writeDouble(m.chargebackRatio());
            // "unavailable" as a baseline of -1, which a calculated baseline never is: the format
            // stays the one before the flag, so records in flight (unaligned checkpoints) still read.
            out.writeLong(m.unavailable() ? -1L : m.baselinePayments());
        }

        @Override
        public MerchantFeatures read(DataInputView in) throws IOException {
            double z = in.readDouble();
            double refunds = in.readDouble();
            double chargebacks = in.readDouble();
            long baseline = in.readLong();
            return baseline < 0 ? new MerchantFeatures(z, refunds, chargebacks, 0L, true)
                    : new MerchantFeatures(z, refunds, chargebacks, baseline);
        }
    };

    static final ValueCodec<Reason> REASON = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, Reason r) throws IOException {
            Codec.writeString(out, r.code());
            Codec.writeString(out, r.ruleId());
            out.writeInt(r.ruleVersion());
            out.writeInt(r.points());
        }

        @Override
        public Reason read(DataInputView in) throws IOException {
            return new Reason(Codec.readString(in), Codec.readString(in), in.readInt(), in.readInt());
        }
    };

    static final ValueCodec<ShadowHit> SHADOW_HIT = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, ShadowHit h) throws IOException {
            Codec.writeString(out, h.ruleId());
            out.writeInt(h.ruleVersion());
            out.writeInt(h.points());
            Codec.writeEnum(out, h.forcedDecision());
        }

        @Override
        public ShadowHit read(DataInputView in) throws IOException {
            return new ShadowHit(Codec.readString(in), in.readInt(), in.readInt(), Codec.readEnum(in, DECISIONS));
        }
    };
}
