package com.cardpay.payments.benchmarks.harness;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Aggregates a JFR recording's {@code jdk.ExecutionSample} events (what {@code jfr print --events
 * jdk.ExecutionSample} shows one by one): the hottest top frames (self time), the hottest of our
 * own methods anywhere on the stack (inclusive), where the top frame's code comes from, and which
 * thread groups were on CPU.
 *
 * <p>Standalone: {@code java -cp benchmarks/target/benchmarks.jar
 * com.cardpay.payments.benchmarks.harness.JfrSummary recording.jfr [top]}
 */
final class JfrSummary {
    record Summary(long samples, Map<String, Long> selfMethods, Map<String, Long> ownInclusive, Map<String, Long> selfOrigin,
            Map<String, Long> threadGroups) {
        String text(int top) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%,d execution samples%n", samples));
            section(b, "Top frames (self time)", selfMethods, top);
            section(b, "Our code on the stack (inclusive)", ownInclusive, top);
            section(b, "Top frame by library", selfOrigin, top);
            section(b, "Samples by thread group", threadGroups, top);
            return b.toString();
        }

        private void section(StringBuilder b, String title, Map<String, Long> counts, int top) {
            b.append(String.format("%n%s%n", title));
            counts.entrySet().stream().limit(top).forEach(e -> b.append(String.format("  %5.1f%%  %,7d  %s%n",
                    100.0 * e.getValue() / Math.max(1, samples), e.getValue(), e.getKey())));
        }
    }

    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: JfrSummary recording.jfr [top]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        System.out.print(summarize(Path.of(args[0])).text(top));
    }

    static Summary summarize(Path recording) throws IOException {
        Map<String, Long> self = new TreeMap<>();
        Map<String, Long> own = new TreeMap<>();
        Map<String, Long> origin = new TreeMap<>();
        Map<String, Long> threads = new TreeMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                String top = method(frames.get(0));
                self.merge(top, 1L, Long::sum);
                origin.merge(origin(frames.get(0).getMethod().getType().getName()), 1L, Long::sum);
                frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("com.cardpay."))
                        .map(JfrSummary::method).distinct().forEach(m -> own.merge(m, 1L, Long::sum));
                RecordedThread thread = event.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                threads.merge(CpuMeter.group(name), 1L, Long::sum);
            }
        }
        return new Summary(samples, sorted(self), sorted(own), sorted(origin), sorted(threads));
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The library a class belongs to, by package: the first two or three name parts. */
    static String origin(String className) {
        String[] parts = className.split("\\.");
        if (parts.length <= 2) {
            return className;
        }
        int keep = switch (parts[0]) {
            case "java", "javax", "jdk", "sun" -> 2;
            default -> parts[1].equals("apache") || parts[1].equals("fasterxml") ? 3 : 2;
        };
        return String.join(".", List.of(parts).subList(0, Math.min(keep, parts.length - 1)));
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Entry::getKey, Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
