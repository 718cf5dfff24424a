package com.cardpay.payments.tools.savepoint;

import org.apache.flink.runtime.jobgraph.OperatorID;

import java.util.List;

/**
 * One operator of a savepoint or checkpoint, as its metadata describes it.
 *
 * @param uid the job's uid for this operator id ({@link KnownUids}), or null when unknown
 * @param recordedUid the uid the metadata itself recorded, if any (Flink records one only for some operators)
 * @param recordedName the operator name the metadata recorded, if any
 * @param sizes bytes of state by kind, from the state handles
 * @param states every state's name, kind and serializer, from the snapshots' meta info
 * @param keyed what it takes to read the keyed state, or null when there is none
 */
record OperatorReport(OperatorID id, String uid, String recordedUid, String recordedName, int parallelism,
        int maxParallelism, Sizes sizes, List<StateInfo> states, KeyedStates keyed) {

    /** How the report names the operator: its uid, else its id. */
    String label() {
        return uid != null ? uid : "unknown uid, operator id " + id;
    }

    boolean hasState() {
        return sizes.total() > 0 || !states.isEmpty();
    }

    /** @param keyed managed keyed state; @param operator managed operator and broadcast state;
     *  @param coordinator the operator coordinator's (a source's enumerator); @param other raw and in-flight */
    record Sizes(long keyed, long operator, long coordinator, long other) {
        long total() {
            return keyed + operator + coordinator + other;
        }
    }

    /**
     * One state.
     *
     * @param kind keyed, timers, operator or broadcast
     * @param type for keyed state VALUE, MAP, LIST...; for operator state its distribution mode; null for timers
     */
    record StateInfo(String kind, String name, String type, String serializer) {}

    /**
     * @param keySerializer the key serializer, as recorded
     * @param specs the keyed states the State Processor API can read
     * @param unreadable why the keys cannot be read, or null
     */
    record KeyedStates(String keySerializer, List<KeyedStateSpec> specs, String unreadable) {}
}
