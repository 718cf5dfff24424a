package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.validation.PaymentValidator;

import javax.annotation.Nullable;
import java.util.Arrays;

/**
 * Bounds on a source record's headers, which are copied to every output. Without them a record
 * near the broker's size limit made mostly of headers gave an output record the producer refused,
 * and the task failed again after every restart: a poison pill. The contract's 64 KiB covers the
 * value and the headers together.
 */
public final class HeaderLimits {
    /** At most this many headers on a {@code payments.raw} record. */
    public static final int MAX_HEADERS = 32;
    /** A dead letter keeps at most this many bytes of the rejected record's headers. */
    public static final int MAX_DEAD_LETTER_HEADER_BYTES = 8 * 1024;

    private HeaderLimits() {}

    /** Why the record is too large with its headers, or null if it is within bounds. */
    @Nullable
    static String problem(MessageHeaders headers, int valueBytes) {
        if (headers.size() > MAX_HEADERS) {
            return "record has " + headers.size() + " headers; the limit is " + MAX_HEADERS;
        }
        long total = valueBytes + bytes(headers, headers.size());
        if (total > PaymentValidator.MAX_RECORD_BYTES) {
            return "value and headers are " + total + " bytes; the limit is " + PaymentValidator.MAX_RECORD_BYTES;
        }
        return null;
    }

    /** The leading headers that fit a dead letter's budget, in order. */
    static MessageHeaders forDeadLetter(MessageHeaders headers) {
        int keep = 0;
        long total = 0;
        while (keep < headers.size() && keep < MAX_HEADERS) {
            total += size(headers, keep);
            if (total > MAX_DEAD_LETTER_HEADER_BYTES) {
                break;
            }
            keep++;
        }
        return keep == headers.size() ? headers
                : new MessageHeaders(Arrays.copyOf(headers.names, keep), Arrays.copyOf(headers.values, keep));
    }

    private static long bytes(MessageHeaders headers, int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += size(headers, i);
        }
        return total;
    }

    /** The header's bytes on the wire: its name in UTF-8 and its value. No allocation: runs per record. */
    private static long size(MessageHeaders headers, int i) {
        String name = headers.names[i];
        long bytes = headers.values[i].length;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                k++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
