package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.ContractSamples.accept;
import static com.cardpay.payments.connectors.contracts.ContractSamples.onTheWire;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterReader;
import com.cardpay.payments.connectors.contracts.dlq.SettlementDeadLetters;
import com.cardpay.payments.connectors.contracts.raw.RawPaymentJson;
import com.cardpay.payments.connectors.contracts.rules.FraudRulesTopic;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusJson;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusReader;
import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.connectors.contracts.settlements.SettlementJson;
import com.cardpay.payments.connectors.contracts.settlements.SettlementReader;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;
import com.cardpay.payments.functions.settlement.SettlementOverflow;
import com.cardpay.payments.functions.validation.CardPayment;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic's contract both ways: what its writer writes conforms to the topic's schema and reads
 * back, through the topic's reader, as the record that was written (less what the wire does not
 * carry: headers, the source record's timestamp, dedupe's content hash; see {@code onTheWire}).
 * Tokenized, vault and ingest's dead letters do the same in {@link TopicContractsTest}.
 */
class ContractRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.RawRecords#valid")
    void rawPayments(String name, ObjectNode record) throws Exception {
        byte[] key = RawRecords.key(record.get("merchant_id").textValue());
        CardPayment payment = RawRecords.readAndValidate(RawRecords.bytes(record), key);

        byte[] value = RawPaymentJson.write(payment);

        assertThat(TopicSchemas.validate(TopicSchemas.RAW, value)).isEmpty();
        assertThat(RawRecords.readAndValidate(value, key)).isEqualTo(payment);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Decision.class)
    void scoredPayments(Decision decision) throws Exception {
        ScoredPayment scored = ContractSamples.scored(accept(RawRecords.refund()).payment(), decision);

        byte[] value = ScoredJson.write(scored);

        assertThat(TopicSchemas.validate(TopicSchemas.SCORED, value)).isEmpty();
        ScoredPayment read = ScoredReader.read(value);
        assertThat(read).usingRecursiveComparison().ignoringFields("payment").isEqualTo(scored);
        assertThat(read.payment()).isEqualTo(onTheWire(scored.payment()));
    }

    @Test
    void settlementsFirstAndAdjusted() throws Exception {
        for (Settlement s : List.of(SettlementContractTest.revision(0, null),
                SettlementContractTest.revision(1, new SettlementDelta(new SettlementAmounts(0, 0, 1, 500, 0, 0, 0, 0), 0, -500)))) {
            byte[] value = SettlementJson.settlement(s);

            assertThat(TopicSchemas.validate(TopicSchemas.SETTLEMENTS, value)).isEmpty();
            assertThat(SettlementReader.read(value)).isEqualTo(s);
        }
    }

    /** The other dead letters round-trip in TopicContractsTest, with every code of ingest and dedupe. */
    @Test
    void deadLettersOfSettlement() throws Exception {
        ScoredPayment scored = ContractSamples.scored(accept(RawRecords.purchase()).payment(), Decision.APPROVE);
        assertDeadLetterRoundTrip(SettlementDeadLetters.beyondHorizon(scored));
        assertDeadLetterRoundTrip(SettlementDeadLetters.overflow(
                new SettlementOverflow("stl_0123456789abcdefABCDEF", "m-1", "JPY", 0, 60_000, 2)));
    }

    @Test
    void ruleStatusesOfUpdatesAndRestores() throws Exception {
        SourcePosition source = new SourcePosition("payments.fraud-rules", 0, 7, 1_795_515_330_000L);
        for (RuleStatus status : List.of(new RuleStatus("velocity-burst", 4, true, "in force", "r-77", source),
                new RuleStatus(null, 0, false, "not JSON", "r-77", source),
                RuleStatus.rejectedOnRestore("night-owl", 3, "unknown feature", "r-78"))) {
            byte[] value = RuleStatusJson.write(status);

            assertThat(TopicSchemas.validate(TopicSchemas.RULE_STATUS, value)).isEmpty();
            assertThat(RuleStatusReader.read(value)).isEqualTo(new RuleStatus(status.ruleId(), status.version(),
                    status.accepted(), status.message(), status.rulesVersion(), onTheWire(status.source()), status.origin()));
        }
    }

    /** The rules topic has no schema (a rule is checked by the rule parser): its value is the rule's text, as written. */
    @Test
    void ruleUpdatesAndDeletions() throws Exception {
        for (String json : new String[] {"{\"id\":\"night-owl\",\"version\":3,\"mode\":\"SHADOW\"}", null}) {
            ProducerRecord<byte[], byte[]> written = FraudRulesTopic.serializer("payments.fraud-rules")
                    .serialize(new RuleUpdate("night-owl", json, null), null, null);
            ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>(written.topic(), 2, 11L, written.key(), written.value());
            List<RuleUpdate> out = new ArrayList<>();

            FraudRulesTopic.deserializer().deserialize(read, collector(out));

            assertThat(out).containsExactly(new RuleUpdate("night-owl", json,
                    new SourcePosition("payments.fraud-rules", 2, 11L, read.timestamp())));
        }
    }

    private static void assertDeadLetterRoundTrip(DeadLetter d) throws Exception {
        byte[] value = DeadLetterJson.write(d);

        assertThat(TopicSchemas.validate(TopicSchemas.DLQ, value)).as(new String(value, StandardCharsets.UTF_8)).isEmpty();
        assertThat(DeadLetterReader.read(value)).isEqualTo(onTheWire(d));
    }

    private static <T> Collector<T> collector(List<T> into) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                into.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
