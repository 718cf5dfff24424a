package com.cardpay.payments.functions.serialization;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.SourcePosition;

import java.io.IOException;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writers and readers of the small values nested in the stream records. Each one is null-safe
 * (a presence byte, or a -1 length for arrays), so a record with a missing part still round-trips.
 */
public final class NestedCodecs {
    public static final Decision[] DECISIONS = Decision.values();

    private NestedCodecs() {}

    public static void writeSource(DataOutputView out, SourcePosition s) throws IOException {
        if (Codec.writePresence(out, s)) {
            Codec.writeString(out, s.topic());
            out.writeInt(s.partition());
            out.writeLong(s.offset());
            out.writeLong(s.timestampMillis());
        }
    }

    public static SourcePosition readSource(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new SourcePosition(Codec.readString(in), in.readInt(), in.readLong(), in.readLong());
    }

    public static void writeHeaders(DataOutputView out, MessageHeaders h) throws IOException {
        if (Codec.writePresence(out, h)) {
            out.writeInt(h.size());
            for (int i = 0; i < h.size(); i++) {
                Codec.writeString(out, h.names[i]);
                Codec.writeBytes(out, h.values[i]);
            }
        }
    }

    public static MessageHeaders readHeaders(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int size = in.readInt();
        if (size == 0) {
            return MessageHeaders.EMPTY;
        }
        String[] names = new String[size];
        byte[][] values = new byte[size][];
        for (int i = 0; i < size; i++) {
            names[i] = Codec.readString(in);
            values[i] = Codec.readBytes(in);
        }
        return new MessageHeaders(names, values);
    }

    public static void writeCard(DataOutputView out, CardFeatures c) throws IOException {
        if (Codec.writePresence(out, c)) {
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
    }

    public static CardFeatures readCard(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new CardFeatures(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readInt(), in.readInt(), in.readBoolean(), in.readLong());
    }

    public static void writeMerchant(DataOutputView out, MerchantFeatures m) throws IOException {
        if (Codec.writePresence(out, m)) {
            out.writeDouble(m.amountZScore());
            out.writeDouble(m.refundRatio());
            out.writeDouble(m.chargebackRatio());
            out.writeLong(m.baselinePayments());
        }
    }

    public static MerchantFeatures readMerchant(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new MerchantFeatures(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
    }

    public static void writeReasons(DataOutputView out, Reason[] reasons) throws IOException {
        if (Codec.writeLength(out, reasons)) {
            for (Reason r : reasons) {
                if (Codec.writePresence(out, r)) {
                    Codec.writeString(out, r.code());
                    Codec.writeString(out, r.ruleId());
                    out.writeInt(r.ruleVersion());
                    out.writeInt(r.points());
                }
            }
        }
    }

    public static Reason[] readReasons(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        Reason[] reasons = new Reason[length];
        for (int i = 0; i < length; i++) {
            if (in.readBoolean()) {
                reasons[i] = new Reason(Codec.readString(in), Codec.readString(in), in.readInt(), in.readInt());
            }
        }
        return reasons;
    }

    public static void writeShadowHits(DataOutputView out, ShadowHit[] hits) throws IOException {
        if (Codec.writeLength(out, hits)) {
            for (ShadowHit h : hits) {
                if (Codec.writePresence(out, h)) {
                    Codec.writeString(out, h.ruleId());
                    out.writeInt(h.ruleVersion());
                    out.writeInt(h.points());
                    Codec.writeEnum(out, h.forcedDecision());
                }
            }
        }
    }

    public static ShadowHit[] readShadowHits(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        ShadowHit[] hits = new ShadowHit[length];
        for (int i = 0; i < length; i++) {
            if (in.readBoolean()) {
                hits[i] = new ShadowHit(Codec.readString(in), in.readInt(), in.readInt(),
                        Codec.readEnum(in, DECISIONS));
            }
        }
        return hits;
    }
}
