package com.cardpay.payments.jobs;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a control stream (the fraud rules): none, and the stream always marked idle, so
 * that the payments it is connected to alone decide event time.
 *
 * <p>Not a watermark at the end of time: an operator combines the watermarks of its active inputs
 * only, so when the payments went idle (a quiet spell longer than {@code source.idleness}) the
 * rules' end-of-time watermark would become the operator's, every settlement window would close,
 * and every later payment would be beyond the adjustment horizon. An idle control input is simply
 * left out; its records still flow.
 */
final class ControlStreamWatermarks<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
