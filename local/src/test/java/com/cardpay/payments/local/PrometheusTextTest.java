package com.cardpay.payments.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.cardpay.payments.local.PrometheusText.Sample;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class PrometheusTextTest {
    /** Shaped like Flink 2.2's Prometheus reporter output (simpleclient 0.8: a comma after the last label). */
    private static final String FLINK_SCRAPE = """
            # HELP flink_jobmanager_numRegisteredTaskManagers numRegisteredTaskManagers (scope: jobmanager)
            # TYPE flink_jobmanager_numRegisteredTaskManagers gauge
            flink_jobmanager_numRegisteredTaskManagers{host="",} 1.0
            # HELP flink_taskmanager_job_task_operator_deserializer_payments_records_read payments_records_read (scope: taskmanager_job_task_operator_deserializer)
            # TYPE flink_taskmanager_job_task_operator_deserializer_payments_records_read gauge
            flink_taskmanager_job_task_operator_deserializer_payments_records_read{job_id="61913dc4",task_id="e4540560",operator_name="Source:_payments_raw:_parse__validate__tokenize",job_name="metrics_it",subtask_index="0",} 213.0
            flink_taskmanager_job_task_operator_deserializer_payments_records_read{job_id="61913dc4",task_id="e4540560",operator_name="Source:_payments_raw:_parse__validate__tokenize",job_name="metrics_it",subtask_index="1",} 1787.0
            flink_taskmanager_job_task_operator_deserializer_payments_records_valid{job_id="61913dc4",subtask_index="0",} 194.0
            flink_taskmanager_job_task_operator_deserializer_payments_records_valid{job_id="61913dc4",subtask_index="1",} 1600.0
            flink_taskmanager_job_task_operator_deserializer_error_code_payments_dlq_records{job_id="61913dc4",error_code="BAD_PAN",subtask_index="0",} 1.0
            flink_taskmanager_job_task_operator_deserializer_error_code_payments_dlq_records{job_id="61913dc4",error_code="BAD_PAN",subtask_index="1",} 11.0
            flink_taskmanager_job_task_operator_deserializer_error_code_payments_dlq_records{job_id="61913dc4",error_code="TOO_LARGE",subtask_index="0",} 0.0
            flink_taskmanager_job_task_operator_deserializer_error_code_payments_dlq_records{job_id="61913dc4",error_code="TOO_LARGE",subtask_index="1",} 0.0
            flink_taskmanager_job_task_operator_error_code_payments_dlq_records{job_id="61913dc4",error_code="DUPLICATE_CONFLICT",subtask_index="0",} 18.0
            flink_taskmanager_job_task_operator_error_code_payments_dlq_records{job_id="61913dc4",error_code="DUPLICATE_CONFLICT",subtask_index="1",} 31.0
            flink_taskmanager_job_task_operator_payments_duplicates{job_id="61913dc4",subtask_index="0",} 47.0
            flink_taskmanager_job_task_operator_payments_duplicates{job_id="61913dc4",subtask_index="1",} 100.0
            flink_taskmanager_job_task_operator_payments_records_tokenized{job_id="61913dc4",subtask_index="0",} 544.0
            flink_taskmanager_job_task_operator_payments_records_tokenized{job_id="61913dc4",subtask_index="1",} 1056.0
            flink_taskmanager_job_task_operator_KafkaProducer_record_send_total{operator_name="payments_dlq__exactly_once_:_Writer",subtask_index="0",} 42.0
            """;

    @Test
    void parsesNamesLabelsAndValuesOfFlinksOutput() {
        List<Sample> samples = PrometheusText.parse(FLINK_SCRAPE);

        assertThat(samples).hasSize(16);
        assertThat(samples.get(0)).isEqualTo(new Sample("flink_jobmanager_numRegisteredTaskManagers", Map.of("host", ""), 1.0));
        Sample read = samples.get(1);
        assertThat(read.name()).isEqualTo("flink_taskmanager_job_task_operator_deserializer_payments_records_read");
        assertThat(read.labels()).containsExactly(entry("job_id", "61913dc4"), entry("task_id", "e4540560"),
                entry("operator_name", "Source:_payments_raw:_parse__validate__tokenize"), entry("job_name", "metrics_it"),
                entry("subtask_index", "0"));
        assertThat(read.value()).isEqualTo(213.0);
    }

    @Test
    void sumsTheJobsCountersOverSubtasksAndKeysDeadLettersByCode() {
        assertThat(PrometheusText.paymentsCounters(FLINK_SCRAPE)).containsExactly(
                entry("dlq.BAD_PAN", 12L),
                entry("dlq.DUPLICATE_CONFLICT", 49L),
                entry("dlq.TOO_LARGE", 0L),
                entry("payments_duplicates", 147L),
                entry("payments_records_read", 2000L),
                entry("payments_records_tokenized", 1600L),
                entry("payments_records_valid", 1794L));
    }

    @Test
    void aDeadLetterCounterWithoutACodeKeepsItsName() {
        assertThat(PrometheusText.paymentsCounters("x_payments_dlq_records 3\nx_payments_dlq_records{a=\"b\"} 4\n"))
                .containsExactly(entry("payments_dlq_records", 7L));
    }

    @Test
    void readsTheWholeTextFormat() {
        String text = """
                # a comment

                plain 1
                spaced { a = "1" , b="2" } 2.5 1732431234000
                escaped{v="quote \\" backslash \\\\ newline \\n brace } comma , end"} -3e2
                special{k="inf"} +Inf
                special{k="-inf"} -Inf
                special{k="nan"} NaN
                windows_line_end 7\r
                name_with:colon 8
                """;

        List<Sample> samples = PrometheusText.parse(text);

        assertThat(samples).extracting(Sample::name).containsExactly(
                "plain", "spaced", "escaped", "special", "special", "special", "windows_line_end", "name_with:colon");
        assertThat(samples.get(1).labels()).containsExactly(entry("a", "1"), entry("b", "2"));
        assertThat(samples.get(1).value()).isEqualTo(2.5);
        assertThat(samples.get(2).labels()).containsExactly(entry("v", "quote \" backslash \\ newline \n brace } comma , end"));
        assertThat(samples.get(2).value()).isEqualTo(-300.0);
        assertThat(samples.get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(4).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(5).value()).isNaN();
        assertThat(samples.get(6).value()).isEqualTo(7.0);
    }

    @Test
    void refusesWhatIsNotTheTextFormatNamingTheLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nnot a sample\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2:");
        for (String bad : List.of("novalue", "name{a=\"1\"}", "name{a=\"1\" 2", "name{a=1} 2", "name{a=\"1\"b=\"2\"} 3",
                "name{a=\"1\",a=\"2\"} 3", "name 1 2 3", "name x", "name 1 soon", "1name 1", "na-me 1", "name{1a=\"x\"} 1")) {
            assertThatThrownBy(() -> PrometheusText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theJobObserverReadsCountersFromTheEndpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = FLINK_SCRAPE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, Long> counters = new JobObserver(server.getAddress().getPort(), 1).counters();
            assertThat(counters).isEqualTo(PrometheusText.paymentsCounters(FLINK_SCRAPE))
                    .containsEntry("payments_records_read", 2000L).containsEntry("dlq.DUPLICATE_CONFLICT", 49L);
        } finally {
            server.stop(0);
        }
    }
}
