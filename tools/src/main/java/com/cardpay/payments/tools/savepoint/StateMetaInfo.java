package com.cardpay.payments.tools.savepoint;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The state meta info that a state backend writes at the head of each snapshot (the serialization
 * proxy: every state's name, kind and serializer snapshot), read from a state handle of the
 * metadata without restoring the state: for keyed state, from a full or canonical snapshot's own
 * stream or from an incremental RocksDB snapshot's meta data file; for operator state, from its
 * stream.
 */
final class StateMetaInfo {
    private StateMetaInfo() {}

    /** The keyed backend's meta info, or null for a kind of handle this does not read. */
    static KeyedBackendSerializationProxy<?> keyed(KeyedStateHandle handle, ClassLoader classLoader) throws IOException {
        StreamStateHandle stream;
        if (handle instanceof IncrementalKeyedStateHandle incremental) {
            stream = incremental.getMetaDataStateHandle();
        } else if (handle instanceof KeyGroupsStateHandle full) {
            stream = full;
        } else {
            return null;
        }
        KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(classLoader);
        try (FSDataInputStream in = stream.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
        }
        return proxy;
    }

    static OperatorBackendSerializationProxy operator(OperatorStateHandle handle, ClassLoader classLoader) throws IOException {
        OperatorBackendSerializationProxy proxy = new OperatorBackendSerializationProxy(classLoader);
        try (FSDataInputStream in = handle.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
        }
        return proxy;
    }

    /** The serializer snapshot's serializer with its nested ones: {@code MapSerializer<StringSerializer, ...>}. */
    static String describe(TypeSerializerSnapshot<?> snapshot) {
        if (snapshot == null) {
            return "none";
        }
        TypeSerializer<?> serializer;
        try {
            serializer = snapshot.restoreSerializer();
        } catch (RuntimeException e) {
            return snapshot.getClass().getName() + " (cannot restore: " + e.getClass().getSimpleName() + ")";
        }
        String name = serializer.getClass().getSimpleName();
        if (serializer instanceof PojoSerializer<?> pojo) {
            return name + "<" + pojoClass(pojo) + ">";
        }
        if (snapshot instanceof CompositeTypeSerializerSnapshot<?, ?> composite) {
            return name + Arrays.stream(composite.getNestedSerializerSnapshots()).map(StateMetaInfo::describe)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        return name;
    }

    static String describe(StateMetaInfoSnapshot info, StateMetaInfoSnapshot.CommonSerializerKeys... keys) {
        return Arrays.stream(keys).map(k -> describe(info.getTypeSerializerSnapshot(k))).collect(Collectors.joining(" -> "));
    }

    /** The POJO's class: Flink's PojoSerializer does not expose it, so it is read from its field. */
    private static String pojoClass(PojoSerializer<?> pojo) {
        try {
            Field clazz = PojoSerializer.class.getDeclaredField("clazz");
            clazz.setAccessible(true);
            return ((Class<?>) clazz.get(pojo)).getName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }

    static List<StateMetaInfoSnapshot> all(OperatorBackendSerializationProxy proxy) {
        return Stream.concat(proxy.getOperatorStateMetaInfoSnapshots().stream(),
                proxy.getBroadcastStateMetaInfoSnapshots().stream()).toList();
    }
}
