package com.cardpay.payments.tools.savepoint;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads keyed state through the State Processor API, as a bounded job in this process (a local
 * environment; under a test's MiniCluster, that cluster): every key of every state the snapshot
 * recorded, restored into RocksDB, the only backend that also reads incremental RocksDB
 * checkpoints (a canonical savepoint restores into it as well).
 */
final class KeyedStateReads {
    private KeyedStateReads() {}

    /** The number of keys of each operator whose keyed state can be read, by operator id (hex). */
    static Map<String, Long> countKeys(String path, List<OperatorReport> operators) throws Exception {
        List<OperatorReport> readable = operators.stream().filter(KeyedStateReads::readable).toList();
        if (readable.isEmpty()) {
            return Map.of();
        }
        StreamExecutionEnvironment env = environment();
        SavepointReader reader = SavepointReader.read(env, path, new EmbeddedRocksDBStateBackend());
        DataStream<Tuple2<String, Long>> keys = null;
        for (OperatorReport operator : readable) {
            DataStream<Tuple2<String, Long>> these = reader.readKeyedState(identifier(operator),
                    new KeyCounter(operator.id().toHexString(), operator.keyed().specs()), Types.STRING,
                    Types.TUPLE(Types.STRING, Types.LONG));
            keys = keys == null ? these : keys.union(these);
        }
        Map<String, Long> counts = new HashMap<>();
        try (CloseableIterator<Tuple2<String, Long>> sums = keys.keyBy(t -> t.f0, Types.STRING).sum(1)
                .executeAndCollect("inspect-state: key counts")) {
            sums.forEachRemaining(t -> counts.put(t.f0, t.f1));
        }
        return counts;
    }

    /** One operator's keyed state as JSON lines (one state's, if {@code stateName} is given), sorted. */
    static List<String> dump(String path, OperatorReport operator, String stateName) throws Exception {
        List<KeyedStateSpec> specs = operator.keyed().specs().stream()
                .filter(s -> stateName == null || s.name().equals(stateName)).toList();
        StreamExecutionEnvironment env = environment();
        DataStream<String> lines = SavepointReader.read(env, path, new EmbeddedRocksDBStateBackend())
                .readKeyedState(identifier(operator), new StateDumper(specs, stateName == null), Types.STRING, Types.STRING);
        TreeSet<String> sorted = new TreeSet<>();
        try (CloseableIterator<String> all = lines.executeAndCollect("inspect-state: dump " + operator.label())) {
            all.forEachRemaining(sorted::add);
        }
        return new ArrayList<>(sorted);
    }

    static boolean readable(OperatorReport operator) {
        return operator.keyed() != null && operator.keyed().unreadable() == null;
    }

    private static OperatorIdentifier identifier(OperatorReport operator) {
        return OperatorIdentifier.forUidHash(operator.id().toHexString());
    }

    private static StreamExecutionEnvironment environment() {
        Configuration batch = new Configuration();
        batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        return StreamExecutionEnvironment.getExecutionEnvironment(batch);
    }

    /** Registers the recorded states, so that the reader visits every key that holds any of them. */
    private abstract static class RecordedStates<OUT> extends KeyedStateReaderFunction<String, OUT> {
        private static final long serialVersionUID = 1L;
        final List<KeyedStateSpec> specs;
        transient List<State> states;

        RecordedStates(List<KeyedStateSpec> specs) {
            this.specs = List.copyOf(specs);
        }

        @Override
        public void open(OpenContext openContext) {
            states = specs.stream().map(s -> s.register(getRuntimeContext())).toList();
        }
    }

    private static final class KeyCounter extends RecordedStates<Tuple2<String, Long>> {
        private static final long serialVersionUID = 1L;
        private final String operatorId;

        KeyCounter(String operatorId, List<KeyedStateSpec> specs) {
            super(specs);
            this.operatorId = operatorId;
        }

        @Override
        public void readKey(String key, Context ctx, Collector<Tuple2<String, Long>> out) {
            out.collect(Tuple2.of(operatorId, 1L));
        }
    }

    private static final class StateDumper extends RecordedStates<String> {
        private static final long serialVersionUID = 1L;
        private final boolean withTimers;

        StateDumper(List<KeyedStateSpec> specs, boolean withTimers) {
            super(specs);
            this.withTimers = withTimers;
        }

        @Override
        public void readKey(String key, Context ctx, Collector<String> out) throws Exception {
            for (int i = 0; i < specs.size(); i++) {
                specs.get(i).dump(key, states.get(i), out);
            }
            if (withTimers) {
                timers(key, "event-time timers", ctx.registeredEventTimeTimers(), out);
                timers(key, "processing-time timers", ctx.registeredProcessingTimeTimers(), out);
            }
        }

        private static void timers(String key, String name, Iterable<Long> timers, Collector<String> out) {
            List<Instant> at = new ArrayList<>();
            timers.forEach(t -> at.add(Instant.ofEpochMilli(t)));
            if (!at.isEmpty()) {
                at.sort(null);
                out.collect(StateJson.line(key, name, false, null, at.stream().map(Instant::toString).toList()));
            }
        }
    }
}
