package com.cardpay.payments.functions.testutils;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.util.List;
import java.util.Queue;

/** Small conveniences around Flink's operator test harnesses. */
public final class Harnesses {
    private Harnesses() {}

    /** The values emitted on a side output so far; empty (not null) when nothing was emitted. */
    public static <T> List<T> sideOutputValues(AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
