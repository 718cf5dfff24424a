package com.cardpay.payments.integration.testutils;

import com.cardpay.payments.functions.validation.PanMasker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Looks for card data in whatever bytes a test can get hold of (Kafka records, captured logs,
 * checkpoint and savepoint files) and keeps what it found, per source, with a tally of what it
 * read. Two checks on every byte:
 *
 * <ul>
 *   <li>{@link Kind#TEST_PAN}: one of the card numbers the test put in, anywhere inside a digit run,
 *       in any of the {@link Encoding}s below. Never excusable.
 *   <li>{@link Kind#LUHN_VALID_RUN}: a maximal digit run of 12 to 19 digits that passes the Luhn
 *       check ({@link CardDataScanner}'s definition of "looks like a card number"), whatever the
 *       test put in. Only these can be excused, by an {@link Allowance} with a stated reason.
 * </ul>
 *
 * Encodings: ASCII/UTF-8 (also what Flink's {@code StringSerializer}, Java's modified UTF-8 and
 * JSON write for digits), JSON-escaped digits (<code>&#92;u0034</code>, single or escaped again
 * inside another JSON string, mixed with plain digits), UTF-16 LE and BE, full-width digits in UTF-8 ({@code
 * U+FF10..U+FF19}, mixed with ASCII ones); and for the test PANs only (a Luhn check there would
 * flag every other date and version string): digit groups split by single separators ({@code
 * 4111 1111-1111.1111}, also {@code /}, {@code _}, {@code :}, {@code ,}), the ASCII digits
 * hex-encoded ({@code 34313131...}, as in a hex dump of bytes), and the PAN as a 64-bit integer in
 * either byte order (a PAN kept as a {@code long}). Thread-safe.
 */
public final class CardDataScan {
    /** How a digit run was written. */
    public enum Encoding { ASCII, JSON_ESCAPED, UTF_16LE, UTF_16BE, FULLWIDTH, GROUPED, HEX, INT64_BE, INT64_LE }

    /** What was found. */
    public enum Kind { TEST_PAN, LUHN_VALID_RUN }

    /**
     * One hit.
     *
     * @param source what was scanned (a topic, the logs, the checkpoint directory, ...)
     * @param location where inside it (a record, a file, a log line)
     * @param offset byte offset inside the scanned item
     * @param digits the digits found (shown masked)
     * @param context the bytes around the hit, printable, with digit runs masked
     * @param before up to 80 bytes before the hit as they are (for {@link Allowance}s; never printed)
     * @param after up to 80 bytes after the hit as they are (for {@link Allowance}s; never printed)
     */
    public record Finding(String source, String location, long offset, Kind kind, Encoding encoding, String digits,
            String context, String before, String after) {
        @Override
        public String toString() {
            return source + " | " + location + " @" + offset + " | " + kind + " " + encoding + " " + masked(digits)
                    + " (" + digits.length() + " digits)" + (context.isEmpty() ? "" : " | ..." + context + "...");
        }
    }

    /** A reason why a Luhn-valid run in one place is not card data. Test PANs are never excused. */
    public record Allowance(String reason, Predicate<Finding> matches) {}

    /** What was read from one source. */
    public static final class Tally {
        private long items;
        private long bytes;
        private final Map<String, Long> counters = new LinkedHashMap<>();

        public synchronized long items() {
            return items;
        }

        public synchronized long bytes() {
            return bytes;
        }

        public synchronized long counter(String name) {
            return counters.getOrDefault(name, 0L);
        }

        synchronized void add(long itemCount, long byteCount) {
            items += itemCount;
            bytes += byteCount;
        }

        public synchronized void count(String name, long n) {
            counters.merge(name, n, Long::sum);
        }

        @Override
        public synchronized String toString() {
            return items + " items, " + bytes + " bytes" + (counters.isEmpty() ? "" : " " + counters);
        }
    }

    private static final int MIN_RUN = 12;
    private static final int MAX_LUHN_RUN = 19;

    private final Set<String> testPans;
    private final Map<Integer, Set<String>> testPansByLength = new HashMap<>();
    private final Map<Long, String> testPansAsLong = new HashMap<>();
    private final int shortestTestPan;
    private final List<Allowance> allowances = Collections.synchronizedList(new ArrayList<>());
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    private final Map<Finding, Allowance> allowed = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Tally> tallies = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile byte[] canaryPrefix;
    private volatile Set<String> canaries = Set.of();
    private final Map<String, Set<String>> canariesFound = new ConcurrentHashMap<>();

    /** @param testPans the card numbers the test used; each 12 to 19 ASCII digits */
    public CardDataScan(Collection<String> testPans) {
        this.testPans = Set.copyOf(testPans);
        int shortest = Integer.MAX_VALUE;
        for (String pan : this.testPans) {
            if (!pan.matches("[0-9]{" + MIN_RUN + "," + MAX_LUHN_RUN + "}")) {
                throw new IllegalArgumentException("a test PAN must be 12 to 19 digits, got " + pan.length() + " characters");
            }
            testPansByLength.computeIfAbsent(pan.length(), k -> new HashSet<>()).add(pan);
            if (pan.length() <= 18 || pan.compareTo(Long.toString(Long.MAX_VALUE)) <= 0) {
                testPansAsLong.put(Long.parseLong(pan), pan);
            }
            shortest = Math.min(shortest, pan.length());
        }
        this.shortestTestPan = shortest;
    }

    public Set<String> testPans() {
        return testPans;
    }

    /**
     * Also notes which of these strings (all starting with {@code prefix}, each a whole run of
     * {@code [A-Za-z0-9_-]}) each source holds: non-card data that the job does keep, such as
     * payment ids in the dedupe state, to show that a scan reads the state as plainly as a card
     * number would sit there.
     */
    public CardDataScan withCanaries(String prefix, Collection<String> values) {
        for (String value : values) {
            if (!value.startsWith(prefix) || !value.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a canary must start with " + prefix + " and be [A-Za-z0-9_-]+: " + value);
            }
        }
        this.canaryPrefix = prefix.getBytes(StandardCharsets.US_ASCII);
        this.canaries = Set.copyOf(values);
        return this;
    }

    /** The canaries seen in {@code source}. */
    public Set<String> canariesFound(String source) {
        return Set.copyOf(canariesFound.getOrDefault(source, Set.of()));
    }

    /** Excuses Luhn-valid runs that match, for the stated reason; applies to scans made from now on. */
    public CardDataScan allow(String reason, Predicate<Finding> matches) {
        allowances.add(new Allowance(reason, matches));
        return this;
    }

    /**
     * Excuses Luhn-valid runs that are epoch timestamps between {@code from} and {@code to}: 13
     * digits as milliseconds (Kafka's {@code startTimeMs}, Flink's checkpoint trigger time), 16 as
     * microseconds (RocksDB's {@code time_micros}), 19 as nanoseconds. About one such timestamp in
     * ten passes the Luhn check. No issuer range starts with the digits of a current timestamp, and
     * a window of hours is a few millionths of the number space, so this excuses no card number in
     * practice; the test PANs are never excused anyway.
     */
    public CardDataScan allowEpochTimestamps(Instant from, Instant to) {
        return allow("epoch timestamp between " + from + " and " + to, f -> {
            BigInteger value = new BigInteger(f.digits());
            BigInteger nanos = switch (f.digits().length()) {
                case 13 -> value.multiply(BigInteger.valueOf(1_000_000));
                case 16 -> value.multiply(BigInteger.valueOf(1_000));
                case 19 -> value;
                default -> null;
            };
            return nanos != null && nanos.compareTo(epochNanos(from)) >= 0 && nanos.compareTo(epochNanos(to)) <= 0;
        });
    }

    /**
     * The numbers that every test run writes and that are not card data, each excused by its own
     * {@link Allowance}: {@link #allowEpochTimestamps epoch timestamps} between {@code from} and
     * {@code to}, {@link #allowRandomHexIds random hex ids}, {@link #allowTempFileNames the random
     * part of temporary file names} and {@link #allowRocksDbLogThreadIds the thread ids in RocksDB's
     * LOG}. Without them a scan of a MiniCluster run fails every few runs.
     */
    public CardDataScan allowTestRunNoise(Instant from, Instant to) {
        return allowEpochTimestamps(from, to).allowRandomHexIds().allowTempFileNames().allowRocksDbLogThreadIds();
    }

    /**
     * Excuses Luhn-valid runs that are the random part of a temporary file's name: JUnit's
     * {@code @TempDir}, the Kafka test kit and {@link java.nio.file.Files#createTempDirectory} name
     * them {@code <java.io.tmpdir>/<prefix><random unsigned long>} (also nested: the MiniCluster's
     * {@code junit<digits>} inside another temporary directory), up to 20 digits, which then turn up
     * in every path that Flink and Kafka log or store ({@code _metadata} holds absolute paths).
     */
    public CardDataScan allowTempFileNames() {
        String tmp = Pattern.quote(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString());
        Pattern name = Pattern.compile(tmp + "(/[^/\\s\"',]*)*/[A-Za-z][A-Za-z0-9_.]*[-_.]?$");
        return allow("random part of a temporary file name (" + System.getProperty("java.io.tmpdir") + "/<prefix><digits>)",
                f -> f.encoding() == Encoding.ASCII && name.matcher(f.before()).find()
                        && (f.after().isEmpty() || !Character.isLetterOrDigit(f.after().charAt(0))));
    }

    /**
     * Excuses Luhn-valid runs that are the thread id at the start of a line of RocksDB's own info
     * LOG ({@code 2026/11/24-07:01:44.603289 140199123452480 ...}): a native thread handle,
     * 15 digits, a different one per thread.
     */
    public CardDataScan allowRocksDbLogThreadIds() {
        Pattern logLine = Pattern.compile(
                "(^|\\n)[0-9]{4}/[0-9]{2}/[0-9]{2}-[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6} $");
        return allow("thread id in a RocksDB LOG line", f -> f.encoding() == Encoding.ASCII && f.location().contains("LOG")
                && logLine.matcher(f.before()).find());
    }

    /**
     * Excuses Luhn-valid runs that are part of an identifier or bytes written in hex: a hex token of
     * 16, 32 or 40 digits with at least one letter (Flink's job, vertex, operator and attempt ids,
     * blob keys, W3C trace and span ids), one group of a UUID (Flink's checkpoint file names,
     * Kafka's member ids), or a hex dump of 64 digits or more (Flink logs a checkpoint location
     * reference as the hex of its path, and hex-encoded ASCII digits are decimal digits). A 12-digit
     * run in random hex turns up every few hundred ids, and a tenth of those pass the Luhn check.
     * Hex-encoded test PANs are still found ({@link Encoding#HEX}).
     */
    public CardDataScan allowRandomHexIds() {
        return allow("part of a hex id (16, 32 or 40 hex digits, or a UUID) or of a hex dump (64 or more)", f -> {
            if (f.encoding() != Encoding.ASCII) {
                return false;
            }
            String before = f.before();
            String after = f.after();
            int lead = before.length();
            while (lead > 0 && isHex(before.charAt(lead - 1))) {
                lead--;
            }
            int trail = 0;
            while (trail < after.length() && isHex(after.charAt(trail))) {
                trail++;
            }
            String token = before.substring(lead) + f.digits() + after.substring(0, trail);
            boolean bounded = lead > 0 || before.length() < 80;
            boolean letters = !token.chars().allMatch(Character::isDigit);
            if (letters && (token.length() >= 64 || bounded && HEX_ID_LENGTHS.contains(token.length()))) {
                return true;
            }
            String around = before + f.digits() + after;
            Matcher uuid = UUID.matcher(around);
            while (uuid.find()) {
                if (uuid.start() <= before.length() && uuid.end() >= before.length() + f.digits().length()) {
                    return true;
                }
            }
            return false;
        });
    }

    private static final Set<Integer> HEX_ID_LENGTHS = Set.of(16, 32, 40);

    private static final Pattern UUID = Pattern.compile(
            "(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])");

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static BigInteger epochNanos(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000))
                .add(BigInteger.valueOf(t.getNano()));
    }

    // ---------------------------------------------------------------------------------------------
    // Sources

    /**
     * Kafka records: key, value, header names and header values.
     *
     * @param luhn whether to run the Luhn check too (off for a topic that holds ciphertext by design,
     *     where only the test PANs in clear matter)
     * @param headerExemptFromLuhn headers whose values are known not to be card data (a W3C
     *     {@code traceparent} copied from the input, say): still searched for the test PANs
     */
    public void scanRecords(String source, List<ConsumerRecord<byte[], byte[]>> records, boolean luhn,
            BiPredicate<ConsumerRecord<byte[], byte[]>, Header> headerExemptFromLuhn) {
        Tally tally = tally(source);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            long bytes = 0;
            if (r.key() != null) {
                scan(source, where + " key", r.key(), luhn);
                bytes += r.key().length;
            }
            if (r.value() != null) {
                scan(source, where + " value", r.value(), luhn);
                bytes += r.value().length;
            }
            for (Header h : r.headers()) {
                byte[] name = h.key().getBytes(StandardCharsets.UTF_8);
                scan(source, where + " header name", name, luhn);
                bytes += name.length;
                if (h.value() != null) {
                    boolean exempt = headerExemptFromLuhn.test(r, h);
                    if (exempt) {
                        tally.count("header values exempt from the Luhn check", 1);
                    }
                    scan(source, where + " header " + h.key(), h.value(), luhn && !exempt);
                    bytes += h.value().length;
                }
            }
            tally.add(1, bytes);
        }
    }

    /** Log lines (or any text), each scanned as UTF-8. */
    public void scanLines(String source, List<String> lines) {
        Tally tally = tally(source);
        int n = 0;
        for (String line : lines) {
            n++;
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            scan(source, "line " + n, bytes, true, false);
            tally.add(1, bytes.length);
        }
    }

    /** One text document (a REST response, say), scanned as UTF-8. */
    public void scanText(String source, String location, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        scan(source, location, bytes, true, false);
        tally(source).add(1, bytes.length);
    }

    /**
     * Every file under {@code dir}, as raw bytes; and, since raw bytes can hide data, what RocksDB
     * and Flink make of them: every entry of every RocksDB SST file (decompressed by RocksDB
     * itself), and every state handle that Flink inlined into a {@code _metadata} file (decoded the
     * same way when it is an SST file). See {@link StateFiles}.
     */
    public void scanStateDirectory(String source, Path dir) {
        StateFiles.scan(this, source, dir);
    }

    // ---------------------------------------------------------------------------------------------
    // Results

    public Tally tally(String source) {
        return tallies.computeIfAbsent(source, s -> new Tally());
    }

    /** Everything found and not excused. */
    public List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    public List<Finding> findings(String source) {
        return findings().stream().filter(f -> f.source().equals(source)).toList();
    }

    /** The test PANs found in {@code source}, in any encoding. */
    public Set<String> testPansFound(String source) {
        return findings(source).stream().filter(f -> f.kind() == Kind.TEST_PAN).map(Finding::digits)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Luhn-valid runs that an {@link Allowance} excused, with the reason. */
    public Map<Finding, Allowance> allowed() {
        synchronized (allowed) {
            return Map.copyOf(allowed);
        }
    }

    /** One line per source: what was read, what was found, what was excused. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        List<Finding> all = findings();
        Map<Finding, Allowance> excused = allowed();
        synchronized (tallies) {
            tallies.forEach((source, tally) -> out.append(String.format("  %-40s %s; findings %d, excused %d%n", source, tally,
                    all.stream().filter(f -> f.source().equals(source)).count(),
                    excused.keySet().stream().filter(f -> f.source().equals(source)).count())));
        }
        excused.entrySet().stream().collect(Collectors.groupingBy(e -> e.getValue().reason(), Collectors.counting()))
                .forEach((reason, count) -> out.append("  excused ").append(count).append(": ").append(reason).append('\n'));
        return out.toString();
    }

    /** The findings as a readable list, numbers masked, at most {@code max} lines. */
    public static String describe(Collection<Finding> findings, int max) {
        String head = findings.stream().limit(max).map(f -> "  " + f).collect(Collectors.joining("\n"));
        return findings.size() > max ? head + "\n  ... and " + (findings.size() - max) + " more" : head;
    }

    // ---------------------------------------------------------------------------------------------
    // The detector

    /**
     * Scans one item and records what it finds under {@code source}. Does not tally: the source
     * methods above do.
     *
     * @return the findings in this item, excused ones left out
     */
    public List<Finding> scan(String source, String location, byte[] bytes, boolean luhn) {
        return scan(source, location, bytes, luhn, true);
    }

    /** As {@link #scan(String, String, byte[], boolean)}; {@code binary} false skips the 64-bit integer check (text). */
    List<Finding> scan(String source, String location, byte[] bytes, boolean luhn, boolean binary) {
        List<Finding> found = new ArrayList<>();
        asciiAndJsonRuns(bytes, (start, end, digits, escaped) ->
                check(source, location, bytes, start, end, digits, escaped ? Encoding.JSON_ESCAPED : Encoding.ASCII, luhn, found));
        groupedOrWideRuns(bytes, (start, end, digits, grouped) ->
                check(source, location, bytes, start, end, digits, grouped ? Encoding.GROUPED : Encoding.FULLWIDTH,
                        luhn && !grouped, found));
        hexRuns(bytes, (start, end, digits, unused) ->
                check(source, location, bytes, start, end, digits, Encoding.HEX, false, found));
        utf16Runs(bytes, true, (start, end, digits, escaped) ->
                check(source, location, bytes, start, end, digits, Encoding.UTF_16LE, luhn, found));
        utf16Runs(bytes, false, (start, end, digits, escaped) ->
                check(source, location, bytes, start, end, digits, Encoding.UTF_16BE, luhn, found));
        if (binary && !testPansAsLong.isEmpty() && bytes.length >= 8) {
            long window = 0;
            for (int i = 0; i < bytes.length; i++) {
                window = (window << 8) | (bytes[i] & 0xffL);
                if (i >= 7) {
                    String be = testPansAsLong.get(window);
                    if (be != null) {
                        found.add(new Finding(source, location, i - 7, Kind.TEST_PAN, Encoding.INT64_BE, be, context(bytes, i - 7, i + 1), "", ""));
                    }
                    String le = testPansAsLong.get(Long.reverseBytes(window));
                    if (le != null) {
                        found.add(new Finding(source, location, i - 7, Kind.TEST_PAN, Encoding.INT64_LE, le, context(bytes, i - 7, i + 1), "", ""));
                    }
                }
            }
        }
        if (canaryPrefix != null) {
            findCanaries(source, bytes);
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding f : found) {
            Allowance why = f.kind() == Kind.LUHN_VALID_RUN ? excuse(f) : null;
            if (why == null) {
                kept.add(f);
            } else {
                allowed.put(f, why);
            }
        }
        findings.addAll(kept);
        return kept;
    }

    private void findCanaries(String source, byte[] b) {
        byte[] prefix = canaryPrefix;
        outer:
        for (int i = 0; i + prefix.length <= b.length; i++) {
            for (int j = 0; j < prefix.length; j++) {
                if (b[i + j] != prefix[j]) {
                    continue outer;
                }
            }
            int end = i + prefix.length;
            while (end < b.length && isIdChar(b[end])) {
                end++;
            }
            String candidate = new String(b, i, end - i, StandardCharsets.US_ASCII);
            if (canaries.contains(candidate)) {
                canariesFound.computeIfAbsent(source, s -> ConcurrentHashMap.newKeySet()).add(candidate);
            }
        }
    }

    private static boolean isIdChar(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    }

    private Allowance excuse(Finding f) {
        synchronized (allowances) {
            for (Allowance a : allowances) {
                if (a.matches().test(f)) {
                    return a;
                }
            }
        }
        return null;
    }

    private void check(String source, String location, byte[] bytes, int start, int end, String digits, Encoding encoding,
            boolean luhn, List<Finding> found) {
        if (luhn && !CardDataScanner.luhnValidRuns(digits).isEmpty()) {
            found.add(new Finding(source, location, start, Kind.LUHN_VALID_RUN, encoding, digits, context(bytes, start, end),
                    raw(bytes, start - 80, start), raw(bytes, end, end + 80)));
        }
        if (digits.length() >= shortestTestPan) {
            Set<String> hits = new TreeSet<>();
            testPansByLength.forEach((length, pans) -> {
                for (int i = 0; i + length <= digits.length(); i++) {
                    String candidate = digits.substring(i, i + length);
                    if (pans.contains(candidate)) {
                        hits.add(candidate);
                    }
                }
            });
            hits.forEach(pan -> found.add(new Finding(source, location, start, Kind.TEST_PAN, encoding, pan, context(bytes, start, end),
                    raw(bytes, start - 80, start), raw(bytes, end, end + 80))));
        }
    }

    private interface RunConsumer {
        void run(int start, int end, String digits, boolean escaped);
    }

    /**
     * Maximal runs of digit tokens: an ASCII digit, <code>&#92;u003D</code> or
     * <code>&#92;&#92;u003D</code> (D a digit); runs of 12 or more only.
     */
    private static void asciiAndJsonRuns(byte[] b, RunConsumer consumer) {
        int i = 0;
        while (i < b.length) {
            int width = tokenWidth(b, i);
            if (width == 0) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder digits = new StringBuilder();
            boolean escaped = false;
            while (i < b.length && (width = tokenWidth(b, i)) > 0) {
                digits.append((char) b[i + width - 1]);
                escaped |= width > 1;
                i += width;
            }
            if (digits.length() >= MIN_RUN) {
                consumer.run(start, i, digits.toString(), escaped);
            }
        }
    }

    private static int tokenWidth(byte[] b, int i) {
        if (isDigit(b[i])) {
            return 1;
        }
        if (b[i] == '\\') {
            if (escapedDigitAt(b, i + 1)) {
                return 6;
            }
            if (i + 1 < b.length && b[i + 1] == '\\' && escapedDigitAt(b, i + 2)) {
                return 7;
            }
        }
        return 0;
    }

    /** {@code u003D} at {@code i}: the tail of a JSON escape of an ASCII digit. */
    private static boolean escapedDigitAt(byte[] b, int i) {
        return i + 5 <= b.length && b[i] == 'u' && b[i + 1] == '0' && b[i + 2] == '0' && b[i + 3] == '3' && isDigit(b[i + 4]);
    }

    /**
     * Maximal runs of digits (ASCII or full-width, U+FF10..U+FF19 as UTF-8 {@code EF BC 90..99})
     * with at most one separator between two digits; only runs that have a separator or a
     * full-width digit (plain runs are {@link #asciiAndJsonRuns}'), of 12 digits or more.
     * {@code grouped} says whether a separator was seen.
     */
    private static void groupedOrWideRuns(byte[] b, RunConsumer consumer) {
        int i = 0;
        while (i < b.length) {
            if (digitWidth(b, i) == 0) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder digits = new StringBuilder();
            boolean separated = false;
            boolean wide = false;
            int end = i;
            while (i < b.length) {
                int width = digitWidth(b, i);
                if (width > 0) {
                    digits.append(width == 1 ? (char) b[i] : (char) ('0' + (b[i + 2] - (byte) 0x90)));
                    wide |= width > 1;
                    i += width;
                    end = i;
                } else if (end == i && SEPARATORS.indexOf(b[i]) >= 0 && i + 1 < b.length && digitWidth(b, i + 1) > 0) {
                    separated = true;
                    i++;
                } else {
                    break;
                }
            }
            if (digits.length() >= MIN_RUN && (separated || wide)) {
                consumer.run(start, end, digits.toString(), separated);
            }
            i = Math.max(i, start + 1);
        }
    }

    private static final String SEPARATORS = " -./_:,";

    /** 1 for an ASCII digit, 3 for a full-width digit in UTF-8, else 0. */
    private static int digitWidth(byte[] b, int i) {
        if (isDigit(b[i])) {
            return 1;
        }
        if (b[i] == (byte) 0xEF && i + 2 < b.length && b[i + 1] == (byte) 0xBC && b[i + 2] >= (byte) 0x90 && b[i + 2] <= (byte) 0x99) {
            return 3;
        }
        return 0;
    }

    /** Maximal runs of hex-encoded ASCII digits ({@code 3D} pairs), at both byte alignments; 12 digits or more. */
    private static void hexRuns(byte[] b, RunConsumer consumer) {
        for (int parity = 0; parity < 2; parity++) {
            int i = parity;
            while (i + 1 < b.length) {
                if (b[i] != '3' || !isDigit(b[i + 1])) {
                    i += 2;
                    continue;
                }
                int start = i;
                StringBuilder digits = new StringBuilder();
                while (i + 1 < b.length && b[i] == '3' && isDigit(b[i + 1])) {
                    digits.append((char) b[i + 1]);
                    i += 2;
                }
                if (digits.length() >= MIN_RUN) {
                    consumer.run(start, i, digits.toString(), false);
                }
            }
        }
    }

    /** Maximal runs of UTF-16 digits (the digit byte and a zero byte, in either order); 12 or more only. */
    private static void utf16Runs(byte[] b, boolean littleEndian, RunConsumer consumer) {
        int i = 0;
        while (i + 1 < b.length) {
            if (!utf16DigitAt(b, i, littleEndian)) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder digits = new StringBuilder();
            while (i + 1 < b.length && utf16DigitAt(b, i, littleEndian)) {
                digits.append((char) (littleEndian ? b[i] : b[i + 1]));
                i += 2;
            }
            if (digits.length() >= MIN_RUN) {
                consumer.run(start, i, digits.toString(), false);
            }
        }
    }

    private static boolean utf16DigitAt(byte[] b, int i, boolean littleEndian) {
        return littleEndian ? isDigit(b[i]) && b[i + 1] == 0 : b[i] == 0 && isDigit(b[i + 1]);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Up to 40 bytes either side, printable ASCII only (zero bytes dropped, so UTF-16 reads as
     * text), digit runs and JSON-escaped digits masked: a failure message must not spread card
     * numbers either.
     */
    private static String context(byte[] b, int start, int end) {
        int from = Math.max(0, start - 40);
        int to = Math.min(b.length, end + 40);
        StringBuilder s = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = (char) (b[i] & 0xff);
            if (c != 0) {
                s.append(c >= 0x20 && c < 0x7f ? c : '.');
            }
        }
        return PanMasker.mask(ESCAPED_DIGIT.matcher(s).replaceAll("*"));
    }

    private static String raw(byte[] b, int from, int to) {
        int f = Math.max(0, from);
        int t = Math.min(b.length, to);
        return f >= t ? "" : new String(b, f, t - f, StandardCharsets.ISO_8859_1);
    }

    private static final Pattern ESCAPED_DIGIT = Pattern.compile("\\\\{1,2}u003[0-9]");

    /** First six and last four, the rest masked: how a finding is shown. */
    static String masked(String digits) {
        if (digits.length() < 12) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }
}
