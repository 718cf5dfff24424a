package com.cardpay.payments.tools.savepoint;

import com.cardpay.payments.tools.savepoint.OperatorReport.KeyedStates;
import com.cardpay.payments.tools.savepoint.OperatorReport.Sizes;
import com.cardpay.payments.tools.savepoint.OperatorReport.StateInfo;

import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.CheckpointProperties;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StateObject;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonOptionsKeys;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonSerializerKeys;
import org.apache.flink.state.api.runtime.SavepointLoader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a savepoint's or retained checkpoint's metadata says: its kind, and each operator's uid,
 * parallelism, sizes and states (names, kinds and serializers from the snapshots' meta info). Reads
 * the {@code _metadata} file and the small head of each state file; restores nothing.
 *
 * @param kind "savepoint (CANONICAL) of checkpoint", "checkpoint", ...
 */
record SavepointContents(long checkpointId, String kind, List<OperatorReport> operators) {

    static SavepointContents load(String path) throws IOException {
        CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(path);
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        List<OperatorReport> operators = new ArrayList<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            operators.add(report(operator, classLoader));
        }
        operators.sort(Comparator.comparingInt((OperatorReport o) -> KnownUids.order(o.id()))
                .thenComparing(o -> o.id().toHexString()));
        return new SavepointContents(metadata.getCheckpointId(), kind(metadata.getCheckpointProperties()), operators);
    }

    private static String kind(CheckpointProperties properties) {
        if (properties == null) {
            return "checkpoint or savepoint of checkpoint";
        }
        return properties.getCheckpointType() instanceof SavepointType savepoint
                ? "savepoint (" + savepoint.getFormatType() + ") of checkpoint" : "checkpoint";
    }

    private static OperatorReport report(OperatorState operator, ClassLoader classLoader) throws IOException {
        Map<String, StateInfo> states = new LinkedHashMap<>();
        Map<String, KeyedStateSpec> specs = new LinkedHashMap<>();
        TypeSerializerSnapshot<?> keySerializer = null;
        long keyed = 0;
        long operatorBytes = 0;
        long other = 0;
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                keyed += handle.getStateSize();
                KeyedBackendSerializationProxy<?> proxy = StateMetaInfo.keyed(handle, classLoader);
                if (proxy == null) {
                    states.putIfAbsent("?", new StateInfo("keyed", "?", "?", "unread: " + handle.getClass().getSimpleName()));
                    continue;
                }
                keySerializer = proxy.getKeySerializerSnapshot();
                for (StateMetaInfoSnapshot info : proxy.getStateMetaInfoSnapshots()) {
                    keyedState(info, states, specs);
                }
            }
            for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                operatorBytes += handle.getStateSize();
                OperatorBackendSerializationProxy proxy = StateMetaInfo.operator(handle, classLoader);
                for (StateMetaInfoSnapshot info : StateMetaInfo.all(proxy)) {
                    boolean broadcast = info.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.BROADCAST;
                    states.putIfAbsent((broadcast ? "broadcast " : "operator ") + info.getName(), new StateInfo(
                            broadcast ? "broadcast" : "operator", info.getName(),
                            info.getOption(CommonOptionsKeys.OPERATOR_STATE_DISTRIBUTION_MODE),
                            broadcast ? StateMetaInfo.describe(info, CommonSerializerKeys.KEY_SERIALIZER, CommonSerializerKeys.VALUE_SERIALIZER)
                                    : StateMetaInfo.describe(info, CommonSerializerKeys.VALUE_SERIALIZER)));
                }
            }
            other += Stream.of(subtask.getRawKeyedState(), subtask.getRawOperatorState(), subtask.getInputChannelState(),
                    subtask.getResultSubpartitionState()).flatMap(c -> c.stream()).mapToLong(StateObject::getStateSize).sum();
        }
        long coordinator = operator.getCoordinatorState() == null ? 0 : operator.getCoordinatorState().getStateSize();
        return new OperatorReport(operator.getOperatorID(), KnownUids.uidOf(operator.getOperatorID()),
                operator.getOperatorUid().filter(s -> !s.isEmpty()).orElse(null),
                operator.getOperatorName().filter(s -> !s.isEmpty()).orElse(null), operator.getParallelism(),
                operator.getMaxParallelism(), new Sizes(keyed, operatorBytes, coordinator, other), List.copyOf(states.values()),
                keySerializer == null ? null : keyedStates(keySerializer, specs));
    }

    private static void keyedState(StateMetaInfoSnapshot info, Map<String, StateInfo> states, Map<String, KeyedStateSpec> specs) {
        switch (info.getBackendStateType()) {
            case KEY_VALUE -> {
                String type = info.getOption(CommonOptionsKeys.KEYED_STATE_TYPE);
                states.putIfAbsent("keyed " + info.getName(), new StateInfo("keyed", info.getName(), type,
                        StateMetaInfo.describe(info, CommonSerializerKeys.VALUE_SERIALIZER)));
                StateDescriptor.Type kind = type == null ? null : StateDescriptor.Type.valueOf(type);
                if (KeyedStateSpec.READABLE.contains(kind) && !specs.containsKey(info.getName())) {
                    specs.put(info.getName(), new KeyedStateSpec(info.getName(), kind,
                            info.getTypeSerializerSnapshot(CommonSerializerKeys.VALUE_SERIALIZER).restoreSerializer()));
                }
            }
            case PRIORITY_QUEUE -> states.putIfAbsent("timers " + info.getName(), new StateInfo("timers", info.getName(),
                    null, StateMetaInfo.describe(info, CommonSerializerKeys.VALUE_SERIALIZER)));
            default -> states.putIfAbsent("keyed " + info.getName(), new StateInfo("keyed", info.getName(),
                    info.getBackendStateType().name(), "not read"));
        }
    }

    /** Keys are read as strings (every keyBy of the job keys by a string); other key types are not counted. */
    private static KeyedStates keyedStates(TypeSerializerSnapshot<?> keySerializer, Map<String, KeyedStateSpec> specs) {
        String described = StateMetaInfo.describe(keySerializer);
        boolean strings = keySerializer.restoreSerializer() instanceof StringSerializer;
        String unreadable = !strings ? "keys are not strings (" + described + ")"
                : specs.isEmpty() ? "no value, map or list state" : null;
        return new KeyedStates(described, List.copyOf(specs.values()), unreadable);
    }
}
