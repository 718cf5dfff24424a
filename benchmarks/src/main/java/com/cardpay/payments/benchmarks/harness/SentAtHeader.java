package com.cardpay.payments.benchmarks.harness;

import java.nio.ByteBuffer;

/**
 * The send time the harness stamps on each record it offers: {@link System#nanoTime()} of the
 * harness JVM (the consumer that sees the output runs in the same JVM, so no clock skew), as 8
 * big-endian bytes. Eight bytes hold at most 8 ASCII digits, so the job's header masking (which
 * looks for 12+ digit card numbers) passes them through untouched.
 */
final class SentAtHeader {
    static final String NAME = "bench-sent-at-nanos";

    private SentAtHeader() {}

    static byte[] encode(long nanos) {
        return ByteBuffer.allocate(Long.BYTES).putLong(nanos).array();
    }

    /** The send time, or {@link Long#MIN_VALUE} when the value is not 8 bytes. */
    static long decode(byte[] value) {
        return value != null && value.length == Long.BYTES ? ByteBuffer.wrap(value).getLong() : Long.MIN_VALUE;
    }
}
