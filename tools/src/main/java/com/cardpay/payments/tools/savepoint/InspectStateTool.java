package com.cardpay.payments.tools.savepoint;

import com.cardpay.payments.jobs.ObjectStorage;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.common.ToolArguments;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.util.ExceptionUtils;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shows what a savepoint or a retained checkpoint holds, without a Flink cluster: each operator's
 * uid, parallelism and max parallelism, each state's name, kind and serializer, sizes and key
 * counts; or one operator's keyed state as JSON lines.
 *
 * <pre>
 * java -jar payments-tools.jar inspect-state &lt;savepoint-or-checkpoint-directory&gt; \
 *     [--dump &lt;uid&gt; [--state &lt;name&gt;]] [--config job.properties] [--key value ...]
 * </pre>
 *
 * Local paths, {@code file://} and {@code s3://} (the job's {@code s3.*} keys apply, through
 * {@link ObjectStorage}, with the {@code flink-s3-fs-hadoop} plugin from {@code FLINK_PLUGINS_DIR}).
 * Nothing is printed unless the card-number detector finds no card number in it ({@link CardDataGate}).
 */
public final class InspectStateTool {
    static final String USAGE = "usage: java -jar payments-tools.jar inspect-state <savepoint-or-checkpoint-directory>"
            + " [--dump <uid> [--state <name>]] [--config FILE] [--key value ...]";

    private InspectStateTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return 0 printed, 1 failed or refused (card data), 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("--")) {
            err.println(USAGE);
            return 2;
        }
        String path = args[0];
        ToolArguments arguments = ToolArguments.split(Arrays.copyOfRange(args, 1, args.length), Set.of("dump", "state"));
        String dump = arguments.get("dump");
        String state = arguments.get("state");
        if (arguments.own().containsKey("dump") && dump == null || state != null && dump == null) {
            err.println("--dump needs an operator uid, and --state goes with --dump; " + USAGE);
            return 2;
        }
        PaymentsConfig config;
        try {
            config = PaymentsConfigLoader.load(arguments.configArgs());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<String> lines;
        try {
            setUpFileSystem(path, config);
            SavepointContents contents = SavepointContents.load(path);
            lines = dump == null ? Summary.lines(contents, KeyedStateReads.countKeys(path, contents.operators()))
                    : KeyedStateReads.dump(path, dumped(contents, dump, state), state);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(CardDataGate.masked(e.getMessage()));
            return 2;
        } catch (Exception e) {
            Throwable root = ExceptionUtils.findThrowable(e, t -> t.getCause() == null).orElse(e);
            err.println(CardDataGate.masked("Cannot inspect " + path + ": " + root.getClass().getSimpleName() + ": "
                    + root.getMessage()));
            return 1;
        }
        return CardDataGate.print(lines, out, err);
    }

    /**
     * A remote path needs its file system in this process. Unless this process already has one (a
     * test's, a local run's), it is set up from the job's {@code s3.*} keys as the job's in-process
     * runs do, with the plugins in {@code FLINK_PLUGINS_DIR} (else {@code ./plugins}).
     */
    private static void setUpFileSystem(String path, PaymentsConfig config) throws IOException {
        URI uri = new Path(path).toUri();
        if (uri.getScheme() == null || uri.getScheme().equals("file") || hasFileSystem(uri)) {
            return;
        }
        ObjectStorage.configureThisProcess(config, PluginUtils.createPluginManagerFromRootFolder(new Configuration()));
        if (!hasFileSystem(uri)) {
            throw new IOException("no file system for " + uri.getScheme() + ":// in this process: put flink-s3-fs-hadoop"
                    + " in a plugins/s3-fs-hadoop/ directory and set FLINK_PLUGINS_DIR to the plugins directory");
        }
    }

    private static boolean hasFileSystem(URI uri) throws IOException {
        try {
            FileSystem.get(uri);
            return true;
        } catch (UnsupportedFileSystemSchemeException e) {
            return false;
        }
    }

    /** The operator named by {@code uid} (or by its operator id), whose keyed state can be read. */
    private static OperatorReport dumped(SavepointContents contents, String uid, String state) {
        List<OperatorReport> readable = contents.operators().stream().filter(KeyedStateReads::readable).toList();
        OperatorReport operator = readable.stream().filter(o -> uid.equals(o.uid()) || uid.equals(o.id().toHexString()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--dump " + uid + ": no keyed state to read there;"
                        + " operators with keyed state: " + readable.stream().map(OperatorReport::label).collect(Collectors.joining(", "))));
        if (state != null && operator.keyed().specs().stream().noneMatch(s -> s.name().equals(state))) {
            throw new IllegalArgumentException("--state " + state + ": " + operator.label() + " has "
                    + operator.keyed().specs().stream().map(KeyedStateSpec::name).collect(Collectors.joining(", ")));
        }
        return operator;
    }
}
