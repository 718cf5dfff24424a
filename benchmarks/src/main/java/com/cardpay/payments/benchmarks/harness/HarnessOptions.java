package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.jobs.config.ConfigKey;
import com.cardpay.payments.jobs.config.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's command line. {@code --quick} and the default full mode set the sizes; every size
 * can be overridden. {@code --set key=value} goes to the payments config when key is a {@link
 * ConfigKey}, and to Flink's configuration otherwise; both variants get it.
 */
final class HarnessOptions {
    static final String USAGE = """
            Usage: run-benchmark [--quick] [options]
              --quick                      ~2 min: small backlog, latency at 100ms and 1s only, no sweep, no profile
              --records N                  backlog size for throughput (full 3,000,000; quick 600,000)
              --throughput-interval D      checkpoint interval of the throughput runs (1s)
              --throughput-warmup D        left out at the start of each throughput run (full 8s; quick 3s)
              --passthrough-cap D          time cap of the passthrough throughput run (full 40s; quick 15s)
              --pipeline-cap D             time cap of the pipeline throughput run (full 75s; quick 25s)
              --rate N                     offered payments/s in the latency runs (10000)
              --intervals D,D,...          checkpoint intervals of the latency runs (full 100ms,250ms,500ms,1s,5s; quick 100ms,1s)
              --latency-warmup D           left out after output starts flowing (full 5s; quick 3s)
              --latency-measure D          measured window per latency run (full 20s; quick 8s)
              --target-p99 D               latency target to report against (300ms)
              --malformed-share X          (0.05)   --duplicate-share X (0.05)   --late-share X (0.02)
              --partitions N               partitions of every topic (4)
              --variants a,b               passthrough,pipeline (both); c: pipeline-one-sink, every
                                           output through one exactly-once sink; d: passthrough-3-records,
                                           the passthrough writing the pipeline's 3 records per payment
              --set key=value              payments config key or Flink option, for every run (repeatable)
              --sweep / --no-sweep         pipeline latency with the latency knobs (full: on; quick: off)
              --profile / --no-profile     a JFR-profiled pipeline throughput run (full: on; quick: off)
              --no-throughput, --no-latency  skip a part
              --growth                     also the cost growth: pipeline throughput, CPU and state size with
                                           10^4/10^5/10^6 cards and 10^2/10^4 merchants (one takes 25%),
                                           at parallelism 1 and 2, and latency at several rates (~7 min quick)
              --warm-up-runs N             unmeasured throughput runs of each variant first, so that the
                                           JIT has compiled what they run (full 1; quick 0)
              --warm-up-cap D              time cap of each warm-up run (20s)
              --population C,M,H           the main backlog's cards, merchants and hot-merchant share
                                           (default: the generator's 20,000 cards, 20 merchants, none hot)
              --growth-interval D          checkpoint interval of the growth latency runs (200ms)
              --growth-rates N,N,...       offered rates of the growth latency runs (5000,10000,20000)
              --out DIR                    results directory (benchmarks/results)
              --seed N                     generator seed (42)
              --tracing off|RATIO          backlog payments without traceparent; with RATIO (0 to 1) the
                                           job traces that share of them (tracing.sample-ratio) and
                                           exports to a throwaway OTLP receiver; off: no tracing
            Durations: 250ms, 1s, 2m.""";

    boolean quick;
    long records;
    Duration throughputInterval = Duration.ofSeconds(1);
    Duration throughputWarmup;
    Duration passthroughCap;
    Duration pipelineCap;
    int rate = 10_000;
    List<Duration> intervals;
    Duration latencyWarmup;
    Duration latencyMeasure;
    Duration targetP99 = Duration.ofMillis(300);
    double malformedShare = 0.05;
    double duplicateShare = 0.05;
    double lateShare = 0.02;
    int partitions = 4;
    List<Variant> variants = List.of(Variant.PASSTHROUGH, Variant.PIPELINE);
    final Map<String, String> jobSettings = new LinkedHashMap<>();
    final Map<String, String> flinkSettings = new LinkedHashMap<>();
    boolean sweep;
    boolean profile;
    boolean throughput = true;
    boolean latency = true;
    boolean growth;
    int warmUpRuns;
    Duration warmUpCap = Duration.ofSeconds(20);
    Population population;
    Duration growthInterval = Duration.ofMillis(200);
    List<Integer> growthRates = List.of(5_000, 10_000, 20_000);
    Path out = Path.of("benchmarks", "results");
    long seed = 42;
    /** {@code --tracing}: null (not given: backlog with sampled traceparents, no tracing), "off", or a ratio. */
    String tracing;
    /** Set while a {@code --tracing RATIO} run's receiver is up. */
    ThrowawayOtlpReceiver tracingReceiver;

    static HarnessOptions parse(String[] args) {
        HarnessOptions o = new HarnessOptions();
        o.quick = List.of(args).contains("--quick");
        o.records = o.quick ? 600_000 : 3_000_000;
        o.throughputWarmup = Duration.ofSeconds(o.quick ? 3 : 8);
        o.passthroughCap = Duration.ofSeconds(o.quick ? 15 : 40);
        o.pipelineCap = Duration.ofSeconds(o.quick ? 25 : 75);
        o.intervals = o.quick ? List.of(Duration.ofMillis(100), Duration.ofSeconds(1))
                : List.of(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(5));
        o.latencyWarmup = Duration.ofSeconds(o.quick ? 3 : 5);
        o.latencyMeasure = Duration.ofSeconds(o.quick ? 8 : 20);
        o.sweep = !o.quick;
        o.warmUpRuns = o.quick ? 0 : 1;
        o.profile = !o.quick;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && !arg.startsWith("--set") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") && !arg.startsWith("--set") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--quick" -> { }
                case "--help", "-h" -> throw new UsageException(USAGE);
                case "--sweep" -> o.sweep = true;
                case "--no-sweep" -> o.sweep = false;
                case "--profile" -> o.profile = true;
                case "--no-profile" -> o.profile = false;
                case "--no-throughput" -> o.throughput = false;
                case "--no-latency" -> o.latency = false;
                case "--growth" -> o.growth = true;
                default -> {
                    String value = inline != null ? inline : (i + 1 < args.length ? args[++i] : null);
                    if (value == null) {
                        throw new UsageException(arg + ": no value given\n" + USAGE);
                    }
                    o.option(name, arg.startsWith("--set=") ? arg.substring("--set=".length()) : value);
                }
            }
        }
        if (o.records <= 0 || o.rate <= 0 || o.partitions <= 0 || o.intervals.isEmpty() || o.variants.isEmpty()) {
            throw new UsageException("--records, --rate, --partitions must be positive; --intervals and --variants not empty");
        }
        if (o.malformedShare < 0 || o.duplicateShare < 0 || o.lateShare < 0 || o.malformedShare + o.duplicateShare > 1
                || o.lateShare > 1) {
            throw new UsageException("shares must be in [0, 1]; malformed plus duplicate at most 1");
        }
        return o;
    }

    private void option(String name, String value) {
        try {
            switch (name) {
                case "--records" -> records = Long.parseLong(value.replace("_", "").replace(",", ""));
                case "--throughput-interval" -> throughputInterval = duration(value);
                case "--throughput-warmup" -> throughputWarmup = duration(value);
                case "--passthrough-cap" -> passthroughCap = duration(value);
                case "--pipeline-cap" -> pipelineCap = duration(value);
                case "--rate" -> rate = Integer.parseInt(value.replace("_", "").replace(",", ""));
                case "--intervals" -> {
                    List<Duration> list = new ArrayList<>();
                    for (String part : value.split(",")) {
                        list.add(duration(part));
                    }
                    intervals = list;
                }
                case "--latency-warmup" -> latencyWarmup = duration(value);
                case "--latency-measure" -> latencyMeasure = duration(value);
                case "--target-p99" -> targetP99 = duration(value);
                case "--malformed-share" -> malformedShare = Double.parseDouble(value);
                case "--duplicate-share" -> duplicateShare = Double.parseDouble(value);
                case "--late-share" -> lateShare = Double.parseDouble(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--variants" -> {
                    List<Variant> list = new ArrayList<>();
                    for (String part : value.split(",")) {
                        list.add(switch (part.trim().toLowerCase(Locale.ROOT)) {
                            case "a", "passthrough" -> Variant.PASSTHROUGH;
                            case "b", "pipeline" -> Variant.PIPELINE;
                            case "c", "pipeline-one-sink" -> Variant.PIPELINE_ONE_SINK;
                            case "d", "passthrough-3-records" -> Variant.PASSTHROUGH_THREE_RECORDS;
                            default -> throw new UsageException("--variants: passthrough, pipeline, pipeline-one-sink or "
                                    + "passthrough-3-records, got " + part);
                        });
                    }
                    variants = List.copyOf(list);
                }
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--set needs key=value, got " + value);
                    }
                    String key = value.substring(0, eq).trim();
                    (ConfigKey.byName().containsKey(key) ? jobSettings : flinkSettings).put(key, value.substring(eq + 1).trim());
                }
                case "--growth-interval" -> growthInterval = duration(value);
                case "--warm-up-runs" -> warmUpRuns = Integer.parseInt(value);
                case "--warm-up-cap" -> warmUpCap = duration(value);
                case "--population" -> {
                    String[] parts = value.split(",");
                    if (parts.length != 3) {
                        throw new UsageException("--population needs cards,merchants,hot-share, e.g. 20000,20,0; got " + value);
                    }
                    population = new Population(Integer.parseInt(parts[0].trim().replace("_", "")),
                            Integer.parseInt(parts[1].trim().replace("_", "")), Double.parseDouble(parts[2].trim()));
                }
                case "--growth-rates" -> {
                    List<Integer> list = new ArrayList<>();
                    for (String part : value.split(",")) {
                        list.add(Integer.parseInt(part.trim().replace("_", "")));
                    }
                    growthRates = List.copyOf(list);
                }
                case "--out" -> out = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--tracing" -> {
                    if (!value.equals("off")) {
                        double ratio = Double.parseDouble(value);
                        if (!(ratio >= 0 && ratio <= 1)) {
                            throw new UsageException("--tracing: off or a ratio from 0 to 1, got " + value);
                        }
                        jobSettings.put("tracing.sample-ratio", value);
                    }
                    tracing = value;
                }
                default -> throw new UsageException("unknown option " + name + "\n" + USAGE);
            }
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": not a number: " + value);
        }
    }

    static Duration duration(String text) {
        Duration d = Durations.parse(text);
        if (d == null) {
            throw new UsageException("a duration looks like " + Durations.EXAMPLES + ", got '" + text + "'");
        }
        return d;
    }

    /** A bad command line: the message is for the user. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
