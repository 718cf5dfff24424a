package com.cardpay.payments.tools.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.jobs.OperatorUids;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The tool on a savepoint written here with the State Processor API, in which a payment id is a
 * card number (ingest rejects such ids; this savepoint is what a bug would leave): the summary
 * shows names and counts only and is printed; the dump would show the id, and is refused whole.
 */
class InspectStateToolTest {
    private static final String PAN = "4111111111111111";

    /** One cluster for the test's reads and writes, instead of a local one each. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir
    static Path dir;
    private static String savepoint;

    @BeforeAll
    static void writeASavepointWithACardNumberInState() throws Exception {
        Configuration batch = new Configuration();
        batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
        savepoint = dir.resolve("savepoint").toUri().toString();
        SavepointWriter.newSavepoint(env, new EmbeddedRocksDBStateBackend(), 720)
                .withOperator(OperatorIdentifier.forUid(OperatorUids.DEDUPE), OperatorTransformation
                        .bootstrapWith(env.fromData("pay-1", PAN, "pay-3"))
                        .keyBy(id -> id.equals("pay-3") ? "m-2" : "m-1", Types.STRING).transform(new SeenIds()))
                .withOperator(OperatorIdentifier.forUid("not-a-payments-uid"), OperatorTransformation
                        .bootstrapWith(env.fromData("pay-9")).keyBy(id -> "m-9", Types.STRING).transform(new SeenIds()))
                .write(savepoint);
        env.execute("write a savepoint");
    }

    @Test
    void showsUidsStatesAndKeyCountsOfASavepoint() {
        Run run = run(savepoint);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("payment-dedupe: parallelism ", ", max parallelism 720, state ",
                ", 2 keys (keys by StringSerializer)",
                "  keyed state seen-payment-ids: MAP, MapSerializer<StringSerializer, LongSerializer>",
                "unknown uid, operator id " + OperatorIdentifier.forUid("not-a-payments-uid").getOperatorId());
    }

    @Test
    void refusesToDumpStateThatHoldsACardNumber() {
        Run run = run(savepoint, "--dump", OperatorUids.DEDUPE);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).as("nothing printed").isEmpty();
        assertThat(run.err()).contains("REFUSED: line 1 of the 3-line output").doesNotContain(PAN);
    }

    @Test
    void dumpsOneStateOfAnOperatorNamedByItsId() {
        Run run = run(savepoint, "--dump", OperatorIdentifier.forUid("not-a-payments-uid").getOperatorId().toHexString(),
                "--state", "seen-payment-ids");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"key\":\"m-9\",\"state\":\"seen-payment-ids\",\"entry\":\"pay-9\",\"value\":1}\n");
    }

    @Test
    void refusesBadArguments() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("--dump", "x").code()).isEqualTo(2);
        assertThat(run(savepoint, "--state", "seen-payment-ids").code()).isEqualTo(2);
        assertThat(run(savepoint, "--dump").code()).isEqualTo(2);
        assertThat(run(savepoint, "--no-such-key", "1").code()).isEqualTo(2);
        Run unknown = run(savepoint, "--dump", OperatorUids.SETTLEMENT);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("operators with keyed state: payment-dedupe, unknown uid");
        assertThat(run(savepoint, "--dump", OperatorUids.DEDUPE, "--state", "nope").err())
                .contains("--state nope: payment-dedupe has seen-payment-ids");
    }

    @Test
    void saysWhyItCannotReadAPath() {
        Run run = run(dir.resolve("no-such-savepoint").toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("Cannot inspect ").contains("no-such-savepoint");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = InspectStateTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Remembers each id under its merchant, as dedupe does (without the TTL). */
    static final class SeenIds extends KeyedStateBootstrapFunction<String, String> {
        private transient MapState<String, Long> seen;

        @Override
        public void open(OpenContext openContext) {
            seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-payment-ids", Types.STRING, Types.LONG));
        }

        @Override
        public void processElement(String id, Context ctx) throws Exception {
            seen.put(id, 1L);
        }
    }
}
