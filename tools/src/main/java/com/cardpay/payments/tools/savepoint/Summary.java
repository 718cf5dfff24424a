package com.cardpay.payments.tools.savepoint;

import com.cardpay.payments.tools.savepoint.OperatorReport.Sizes;
import com.cardpay.payments.tools.savepoint.OperatorReport.StateInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The inspector's report, as text lines: one line per operator with state, one per state under it. */
final class Summary {
    private Summary() {}

    /** @param keyCounts keys by operator id (hex), for the operators whose keys were counted */
    static List<String> lines(SavepointContents contents, Map<String, Long> keyCounts) {
        List<String> lines = new ArrayList<>();
        List<OperatorReport> withState = contents.operators().stream().filter(OperatorReport::hasState).toList();
        lines.add(contents.kind() + " " + contents.checkpointId() + ": " + contents.operators().size()
                + " operators, " + withState.size() + " with state");
        for (OperatorReport o : withState) {
            lines.add(o.label() + ": parallelism " + o.parallelism() + ", max parallelism " + o.maxParallelism()
                    + ", state " + sizes(o.sizes()) + keys(o, keyCounts) + recorded(o));
            for (StateInfo s : o.states()) {
                lines.add("  " + s.kind() + (s.kind().equals("timers") ? " " : " state ") + s.name() + ": "
                        + (s.type() == null ? "" : s.type() + ", ") + s.serializer());
            }
        }
        List<String> stateless = contents.operators().stream().filter(o -> !o.hasState()).map(OperatorReport::label).toList();
        if (!stateless.isEmpty()) {
            lines.add("without state: " + String.join(", ", stateless));
        }
        return lines;
    }

    private static String keys(OperatorReport o, Map<String, Long> keyCounts) {
        if (o.keyed() == null) {
            return "";
        }
        Long keys = keyCounts.get(o.id().toHexString());
        String by = " (keys by " + o.keyed().keySerializer() + ")";
        if (keys != null) {
            return ", " + keys + " keys" + by;
        }
        return o.keyed().unreadable() != null ? ", keys not counted: " + o.keyed().unreadable() + by : ", no keys" + by;
    }

    /** What the metadata itself recorded, when the uid is unknown. */
    private static String recorded(OperatorReport o) {
        if (o.uid() != null || (o.recordedUid() == null && o.recordedName() == null)) {
            return "";
        }
        return "; recorded as uid '" + o.recordedUid() + "', name '" + o.recordedName() + "'";
    }

    private static String sizes(Sizes s) {
        List<String> parts = new ArrayList<>();
        part(parts, "keyed", s.keyed());
        part(parts, "operator", s.operator());
        part(parts, "coordinator", s.coordinator());
        part(parts, "raw and in-flight", s.other());
        return bytes(s.total()) + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static void part(List<String> parts, String name, long bytes) {
        if (bytes > 0) {
            parts.add(name + " " + bytes(bytes));
        }
    }

    /** Binary units, one decimal: never a long run of digits. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
