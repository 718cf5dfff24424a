package com.cardpay.payments.tools.savepoint;

import com.cardpay.payments.jobs.OperatorUids;

import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's operator uids ({@link OperatorUids}) by the operator id that Flink derives from each: a
 * savepoint's metadata names operators by id only (the murmur3 hash of the uid, {@link
 * OperatorIdentifier#forUid}), so an id is known when it is the hash of one of these.
 *
 * <p>Candidates, in the order of {@link OperatorUids} (which follows the job graph): every public
 * uid constant; for each, the uid Flink gives a sink's committer operator, {@code Sink Committer:
 * <uid>} (a sink's writer keeps the sink's own uid; Flink's {@code SinkTransformationTranslator});
 * and the retired uids, which an old savepoint may still hold.
 */
final class KnownUids {
    static final String COMMITTER_FORMAT = "Sink Committer: %s";
    static final String RETIRED_SUFFIX = " (retired)";

    private static final Map<OperatorID, String> BY_ID = byId();
    private static final List<OperatorID> ORDER = List.copyOf(BY_ID.keySet());

    private KnownUids() {}

    /** The uid whose hash is {@code id}, or null. */
    static String uidOf(OperatorID id) {
        return BY_ID.get(id);
    }

    /** Where the uid of {@code id} comes in {@link OperatorUids}, for ordering; unknown ids last. */
    static int order(OperatorID id) {
        int i = ORDER.indexOf(id);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Every candidate uid, in order. */
    static List<String> all() {
        return List.copyOf(BY_ID.values());
    }

    private static Map<OperatorID, String> byId() {
        Map<OperatorID, String> byId = new LinkedHashMap<>();
        List<String> retired = new ArrayList<>();
        for (Field field : OperatorUids.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers)) {
                continue;
            }
            try {
                if (field.getType() == String.class && Modifier.isPublic(modifiers)) {
                    add(byId, (String) field.get(null), "");
                } else if (field.getType() == String[].class && field.getName().equals("RETIRED")) {
                    // Package-private in jobs: a list for its own graph test, read here, never changed.
                    field.setAccessible(true);
                    Collections.addAll(retired, (String[]) field.get(null));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
        }
        retired.forEach(uid -> add(byId, uid, RETIRED_SUFFIX));
        return Collections.unmodifiableMap(byId);
    }

    private static void add(Map<OperatorID, String> byId, String uid, String suffix) {
        byId.putIfAbsent(OperatorIdentifier.forUid(uid).getOperatorId(), uid + suffix);
        String committer = String.format(COMMITTER_FORMAT, uid);
        byId.putIfAbsent(OperatorIdentifier.forUid(committer).getOperatorId(), committer + suffix);
    }
}
