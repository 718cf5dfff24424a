package com.cardpay.payments.tools.savepoint;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One keyed state as the snapshot recorded it (name, kind, and the serializer restored from its
 * serializer snapshot), registered under that name so that the State Processor API reads it back
 * as it was written, whatever the current code's types.
 *
 * <p>A state with a TTL is registered with its TTL serializer and without a TTL: its values come
 * back as {@code TtlValue}s with their timestamps (written as {@code lastAccessTimestamp}), entries
 * past their TTL that compaction has not dropped yet included.
 */
record KeyedStateSpec(String name, StateDescriptor.Type type, TypeSerializer<?> serializer) implements Serializable {
    static final Set<StateDescriptor.Type> READABLE = Set.of(StateDescriptor.Type.VALUE, StateDescriptor.Type.MAP,
            StateDescriptor.Type.LIST);

    @SuppressWarnings("unchecked")
    State register(RuntimeContext context) {
        return switch (type) {
            case VALUE -> context.getState(new ValueStateDescriptor<>(name, (TypeSerializer<Object>) serializer));
            case MAP -> {
                MapSerializer<Object, Object> map = (MapSerializer<Object, Object>) serializer;
                yield context.getMapState(new MapStateDescriptor<>(name, map.getKeySerializer(), map.getValueSerializer()));
            }
            case LIST -> context.getListState(new ListStateDescriptor<>(name,
                    ((ListSerializer<Object>) serializer).getElementSerializer()));
            default -> throw new IllegalStateException(name + ": " + type + " state is not read");
        };
    }

    /** The key's dump lines for this state: one per map entry, else one (none when the state is empty). */
    @SuppressWarnings("unchecked")
    void dump(String key, State state, Collector<String> out) throws Exception {
        switch (type) {
            case VALUE -> {
                Object value = ((ValueState<Object>) state).value();
                if (value != null) {
                    out.collect(StateJson.line(key, name, false, null, value));
                }
            }
            case MAP -> {
                for (Map.Entry<Object, Object> e : ((MapState<Object, Object>) state).entries()) {
                    out.collect(StateJson.line(key, name, true, e.getKey(), e.getValue()));
                }
            }
            case LIST -> {
                List<Object> values = new ArrayList<>();
                Iterable<Object> stored = ((ListState<Object>) state).get();
                if (stored != null) {
                    stored.forEach(values::add);
                }
                if (!values.isEmpty()) {
                    out.collect(StateJson.line(key, name, false, null, values));
                }
            }
            default -> throw new IllegalStateException(name + ": " + type + " state is not read");
        }
    }
}
