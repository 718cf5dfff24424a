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

    // The card's boolean features share one byte, the one that held card_testing alone (written as
    // a boolean: 0 or 1). The bits added later are 0 in the old layout and mean "off, off,
    // thresholds known" there, so the byte layout of a record without them is unchanged.
    private static final int CARD_TESTING = 1;
    private static final int LARGE_PAYMENT = 1 << 1;
    private static final int AMOUNT_LONG_OVER_LIMIT = 1 << 2;
    private static final int NO_THRESHOLDS = 1 << 3;

    private static int flags(CardFeatures c) {
        return (c.cardTesting() ? CARD_TESTING : 0) | (c.largePayment() ? LARGE_PAYMENT : 0)
                | (c.amountLongOverLimit() ? AMOUNT_LONG_OVER_LIMIT : 0) | (c.thresholdsKnown() ? 0 : NO_THRESHOLDS);
    }

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
            out.writeByte(flags(c));
            out.writeLong(c.secondsSincePrevious());
        }

        @Override
        public CardFeatures read(DataInputView in) throws IOException {
            long countShort = in.readLong();
            long countMedium = in.readLong();
            long countLong = in.readLong();
            long amountShort = in.readLong();
            long amountMedium = in.readLong();
            long amountLong = in.readLong();
            int merchants = in.readInt();
            int countries = in.readInt();
            int flags = in.readUnsignedByte();
            return new CardFeatures(countShort, countMedium, countLong, amountShort, amountMedium, amountLong, merchants,
                    countries, (flags & CARD_TESTING) != 0, in.readLong(), (flags & LARGE_PAYMENT) != 0,
                    (flags & AMOUNT_LONG_OVER_LIMIT) != 0, (flags & NO_THRESHOLDS) == 0);
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
