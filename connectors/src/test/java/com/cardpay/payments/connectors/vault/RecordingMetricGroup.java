package com.cardpay.payments.connectors.vault;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A metric group that keeps what is registered on it, so tests can read counters and gauges. */
public final class RecordingMetricGroup extends UnregisteredMetricsGroup {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new SimpleCounter());
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        gauges.put(name, gauge);
        return gauge;
    }

    public long count(String name) {
        Counter c = counters.get(name);
        return c == null ? 0 : c.getCount();
    }

    public Object gaugeValue(String name) {
        Gauge<?> g = gauges.get(name);
        return g == null ? null : g.getValue();
    }
}
