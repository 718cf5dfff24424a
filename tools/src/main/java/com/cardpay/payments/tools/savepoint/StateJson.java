package com.cardpay.payments.tools.savepoint;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * State values as JSON, for the inspector's dump: records and POJOs as objects of their fields,
 * arrays and collections as arrays, maps as arrays of {@code {"k":…,"v":…}}.
 *
 * <p>Numbers are written so that the card-number detector, which then reads every line, cannot
 * mistake one for a card number. It reads a run of 12 to 19 digits that passes the Luhn check as a
 * card number, also across separators ({@code 1234,5678}): about one 13-digit timestamp, 64-bit
 * hash or pair of neighbouring array elements in ten would pass, and refuse the whole dump. So no
 * number, alone or beside its neighbour in an array, makes a run of more than 11 digits between
 * two letters:
 * <ul>
 *   <li>a whole number below 10^11 (10^10 in an array) as it is; in an array followed by
 *       {@code e0} (a JSON exponent: the same number), whose letter ends the run;</li>
 *   <li>a larger one as an ISO instant when, read as epoch milliseconds, it falls in 2000–2099 (the
 *       job's timestamps: event times, TTL stamps, windows; it ends in a letter and starts with 8
 *       digits), else as {@code "base64url:…:long"}, its 8 bytes big-endian in 11 characters
 *       between two letters (hashes, {@code Long.MIN_VALUE} markers);</li>
 *   <li>floating point to 6 significant digits: plainly from 10^-4 to 10^10, else (and always in
 *       an array) as {@code 1.5e+12}.</li>
 * </ul>
 * The other side of the bargain: a card number kept in a numeric field would not be seen in these
 * forms. The job keeps none there (a PAN is a string, and only the source ever holds one).
 * Strings are written as they are: the detector judges them as they are.
 */
final class StateJson {
    private static final long SMALL = 100_000_000_000L;
    private static final long SMALL_IN_ARRAY = 10_000_000_000L;
    private static final long FIRST_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    private static final int MAX_DEPTH = 12;

    private StateJson() {}

    /** One dump line: the key, the state's name, the map entry's key (maps only) and the value. */
    static String line(String key, String state, boolean isMapEntry, Object entry, Object value) {
        StringBuilder out = new StringBuilder("{\"key\":");
        string(key, out);
        out.append(",\"state\":");
        string(state, out);
        if (isMapEntry) {
            out.append(",\"entry\":");
            value(entry, out, false, 0);
        }
        out.append(",\"value\":");
        value(value, out, false, 0);
        return out.append('}').toString();
    }

    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        value(value, out, false, 0);
        return out.toString();
    }

    private static void value(Object v, StringBuilder out, boolean inArray, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            string(v.toString(), out);
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            whole(((Number) v).longValue(), out, inArray);
        } else if (v instanceof Float || v instanceof Double) {
            decimal(((Number) v).doubleValue(), out, inArray);
        } else if (depth > MAX_DEPTH) {
            string("(nested too deep)", out);
        } else if (v.getClass().isArray() || v instanceof Collection<?>) {
            array(v, out, depth);
        } else if (v instanceof Map<?, ?> map) {
            out.append('[');
            String comma = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(comma).append("{\"k\":");
                value(e.getKey(), out, false, depth + 1);
                out.append(",\"v\":");
                value(e.getValue(), out, false, depth + 1);
                out.append('}');
                comma = ",";
            }
            out.append(']');
        } else if (v.getClass().getName().startsWith("java.")) {
            string(v.toString(), out);
        } else {
            object(v, out, depth);
        }
    }

    private static void whole(long n, StringBuilder out, boolean inArray) {
        long limit = inArray ? SMALL_IN_ARRAY : SMALL;
        if (n > -limit && n < limit) {
            out.append(n).append(inArray ? "e0" : "");
        } else if (n >= FIRST_TIME && n < LAST_TIME) {
            string(Instant.ofEpochMilli(n).toString(), out);
        } else {
            byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(n).array();
            string("base64url:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + ":long", out);
        }
    }

    private static void decimal(double x, StringBuilder out, boolean inArray) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            string(Double.toString(x), out);
            return;
        }
        double abs = Math.abs(x);
        if (x == 0) {
            out.append(inArray ? "0e0" : "0");
        } else if (!inArray && abs >= 1e-4 && abs < 1e10) {
            out.append(new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString());
        } else {
            String[] parts = String.format(Locale.ROOT, "%.5e", x).split("e");
            String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
            out.append(mantissa).append('e').append(parts[1]);
        }
    }

    private static void array(Object v, StringBuilder out, int depth) {
        List<Object> items = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            items.addAll(c);
        } else {
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                items.add(Array.get(v, i));
            }
        }
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",");
            value(items.get(i), out, true, depth + 1);
        }
        out.append(']');
    }

    /** A record by its components, anything else by its fields (static and transient ones left out). */
    private static void object(Object v, StringBuilder out, int depth) {
        out.append('{');
        String comma = "";
        try {
            if (v.getClass().isRecord()) {
                for (RecordComponent c : v.getClass().getRecordComponents()) {
                    c.getAccessor().setAccessible(true);
                    comma = field(c.getName(), c.getAccessor().invoke(v), comma, out, depth);
                }
            } else {
                for (Class<?> type = v.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                    for (Field f : type.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                            f.setAccessible(true);
                            comma = field(f.getName(), f.get(v), comma, out, depth);
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            comma = field("unreadable", e.getClass().getSimpleName(), comma, out, depth);
        }
        out.append('}');
    }

    private static String field(String name, Object value, String comma, StringBuilder out, int depth) {
        out.append(comma);
        string(name, out);
        out.append(':');
        value(value, out, false, depth + 1);
        return ",";
    }

    private static void string(String s, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }
}
