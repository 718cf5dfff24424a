package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.ContractSamples.accept;
import static com.cardpay.payments.connectors.contracts.ContractSamples.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterReader;
import com.cardpay.payments.connectors.contracts.dlq.SettlementDeadLetters;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusJson;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusReader;
import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredReader;
import com.cardpay.payments.connectors.contracts.settlements.SettlementJson;
import com.cardpay.payments.connectors.contracts.settlements.SettlementReader;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedReader;
import com.cardpay.payments.connectors.contracts.vault.VaultJson;
import com.cardpay.payments.connectors.contracts.vault.VaultReader;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleStatus.Origin;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;
import com.cardpay.payments.functions.settlement.SettlementOverflow;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Every output topic's reader refuses what its contract forbids, and says where without quoting
 * the record: not one JSON object, duplicate field names, trailing content, another
 * {@code schema_version}, a required field absent, null or of the wrong type, a value outside the
 * contract's list, and the rules between fields. A field it does not know is ignored. (The raw
 * topic's reader is tested in RawPaymentReaderTest and RawPaymentContractTest.)
 */
class ContractReadersTest {

    /** A reader under test, with a valid record of its topic and one of its required fields. */
    record Contract(String topic, Reader reader, byte[] valid, String required) {
        @Override
        public String toString() {
            return topic;
        }
    }

    interface Reader {
        Object read(byte[] value) throws UnreadableRecordException;
    }

    static Stream<Contract> contracts() throws Exception {
        IngestOutcome refund = accept(RawRecords.refund());
        return Stream.of(
                new Contract("payments.tokenized", TokenizedReader::read, TokenizedJson.write(refund.payment()), "card_token"),
                new Contract("payments.vault", VaultReader::read, VaultJson.write(refund.vaultRecord()), "ciphertext"),
                new Contract("payments.scored", ScoredReader::read,
                        ScoredJson.write(ContractSamples.scored(refund.payment(), Decision.REVIEW)), "decision"),
                new Contract("payments.settlements", SettlementReader::read,
                        SettlementJson.settlement(SettlementContractTest.revision(0, null)), "currency"),
                new Contract("payments.dlq", DeadLetterReader::read,
                        DeadLetterJson.write(ContractSamples.deadLetterFor(RejectionCode.BAD_PAN)), "masked_payload"),
                new Contract("payments.fraud-rules.status", RuleStatusReader::read, RuleStatusJson.write(
                        new RuleStatus("velocity-burst", 4, true, "in force", "r-77", ContractSamples.SOURCE)), "rules_version"));
    }

    static Stream<Arguments> brokenRecords() throws Exception {
        return contracts().flatMap(c -> {
            String json = new String(c.valid(), StandardCharsets.UTF_8);
            String body = json.substring(0, json.length() - 1);
            try {
                return Stream.of(
                        Arguments.of(c, "not JSON", "not json".getBytes(StandardCharsets.UTF_8)),
                        Arguments.of(c, "an array", ("[" + json + "]").getBytes(StandardCharsets.UTF_8)),
                        Arguments.of(c, "no value", null),
                        Arguments.of(c, "a duplicate field", (body + ",\"schema_version\":1}").getBytes(StandardCharsets.UTF_8)),
                        Arguments.of(c, "trailing content", (json + " {}").getBytes(StandardCharsets.UTF_8)),
                        Arguments.of(c, "schema_version 99", edit(c.valid(), r -> r.put("schema_version", 99))),
                        Arguments.of(c, "no schema_version", edit(c.valid(), r -> r.remove("schema_version"))),
                        Arguments.of(c, "without " + c.required(), edit(c.valid(), r -> r.remove(c.required()))),
                        Arguments.of(c, c.required() + " null", edit(c.valid(), r -> r.putNull(c.required()))),
                        Arguments.of(c, c.required() + " an array", edit(c.valid(), r -> r.putArray(c.required()))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenRecords")
    void aReaderRefusesWhatItsContractForbids(Contract c, String what, byte[] value) {
        assertThatThrownBy(() -> c.reader().read(value))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageStartingWith(c.topic() + ":");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void aReaderNamesTheFieldAndNeverTheValue(Contract c) throws Exception {
        byte[] value = edit(c.valid(), r -> r.put(c.required(), 4111111111111111L));

        assertThatThrownBy(() -> c.reader().read(value))
                .hasMessageContaining(c.required()).message().doesNotContain("4111");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void aReaderIgnoresFieldsItDoesNotKnow(Contract c) throws Exception {
        byte[] value = edit(c.valid(), r -> r.put("added_later", "x").putObject("also_added").put("n", 1));

        assertThat(c.reader().read(value)).usingRecursiveComparison().isEqualTo(c.reader().read(c.valid()));
    }

    @Test
    void tokenizedAndScoredKeepOriginalPaymentIdToRefundsAndChargebacks() throws Exception {
        byte[] purchase = TokenizedJson.write(accept(RawRecords.purchase()).payment());
        byte[] refund = TokenizedJson.write(accept(RawRecords.refund()).payment());
        byte[] scored = ScoredJson.write(ContractSamples.scored(accept(RawRecords.refund()).payment(), Decision.APPROVE));

        refused(TokenizedReader::read, edit(purchase, r -> r.put("original_payment_id", "pay-0000")), "original_payment_id");
        refused(TokenizedReader::read, edit(refund, r -> r.remove("original_payment_id")), "original_payment_id");
        refused(ScoredReader::read, edit(scored, r -> r.remove("original_payment_id")), "original_payment_id");
        refused(TokenizedReader::read, edit(purchase, r -> r.put("type", "SALE")), "type");
        refused(ScoredReader::read, edit(scored, r -> r.put("decision", "MAYBE")), "decision");
        refused(ScoredReader::read, edit(scored, r -> ((ObjectNode) r.get("features")).remove("card.count_short")),
                "features.card.count_short");
        refused(TokenizedReader::read, edit(purchase, r -> r.put("event_time", "yesterday")), "event_time");
        refused(TokenizedReader::read, edit(purchase, r -> ((ObjectNode) r.get("source")).remove("offset")), "source.offset");
    }

    @Test
    void settlementsHoldRevisionAdjustmentAndDeltaTogether() throws Exception {
        byte[] first = SettlementJson.settlement(SettlementContractTest.revision(0, null));
        byte[] adjusted = SettlementJson.settlement(
                SettlementContractTest.revision(1, new SettlementDelta(new SettlementAmounts(0, 0, 1, 500, 0, 0, 0, 0), 0, -500)));

        refused(SettlementReader::read, edit(adjusted, r -> r.remove("delta")), "revision");
        refused(SettlementReader::read, edit(adjusted, r -> r.put("is_adjustment", false)), "revision");
        refused(SettlementReader::read, edit(first, r -> r.put("is_adjustment", true)), "revision");
        refused(SettlementReader::read, edit(first, r -> r.set("delta", r.get("fee_plan"))), "revision");
        refused(SettlementReader::read, edit(first, r -> r.put("gross_minor", 12.5)), "gross_minor");
        refused(SettlementReader::read, edit(adjusted, r -> ((ObjectNode) r.get("delta")).remove("net_minor")), "delta.net_minor");
        assertThat(SettlementReader.read(edit(first, r -> r.remove("late_payments"))).lateEventCount())
                .as("late_payments is optional").isZero();
        // version 2's time_zone and business_date: optional, together, and valid
        refused(SettlementReader::read, edit(first, r -> r.remove("business_date")), "time_zone");
        refused(SettlementReader::read, edit(first, r -> r.put("time_zone", "Mars/Olympus")), "time_zone");
        refused(SettlementReader::read, edit(first, r -> r.put("business_date", "2026-02-30")), "business_date");
        var beforeZones = SettlementReader.read(edit(first, r -> {
            r.remove("time_zone");
            r.remove("business_date");
            r.put("schema_version", 1);
        }));
        assertThat(beforeZones.timeZone()).as("a version-1 record has no zone").isNull();
        assertThat(beforeZones.businessDate()).isNull();
        refused(SettlementReader::read, edit(first, r -> r.put("schema_version", 3)), "schema_version");
    }

    @Test
    void onlyASettlementOverflowGoesWithoutSource() throws Exception {
        byte[] badPan = DeadLetterJson.write(ContractSamples.deadLetterFor(RejectionCode.BAD_PAN));
        byte[] overflow = DeadLetterJson.write(SettlementDeadLetters.overflow(
                new SettlementOverflow("stl_0123456789abcdefABCDEF", "m-1", "JPY", 0, 60_000, 2)));

        refused(DeadLetterReader::read, edit(badPan, r -> r.remove("source")), "source");
        refused(DeadLetterReader::read, edit(overflow, r -> r.set("source", sourceNode())), "source");
        assertThat(DeadLetterReader.read(edit(badPan, r -> r.put("error_code", "ADDED_LATER"))).errorCode())
                .as("codes are added over time: a new one still reads").isEqualTo("ADDED_LATER");
    }

    @Test
    void ruleStatusesReadAsTheReadmeAsksOfEveryConsumer() throws Exception {
        byte[] update = RuleStatusJson.write(new RuleStatus("velocity-burst", 4, true, "in force", "r-77", ContractSamples.SOURCE));
        byte[] restore = RuleStatusJson.write(RuleStatus.rejectedOnRestore("night-owl", 3, "unknown feature", "r-78"));

        assertThat(RuleStatusReader.read(edit(update, r -> r.remove("origin"))).origin())
                .as("written before origin existed: an update").isEqualTo(Origin.UPDATE);
        assertThat(RuleStatusReader.read(edit(update, r -> r.put("status", "PENDING"))).accepted())
                .as("a status it does not know is not accepted").isFalse();
        refused(RuleStatusReader::read, edit(update, r -> r.remove("source")), "origin");
        refused(RuleStatusReader::read, edit(restore, r -> r.put("status", "ACCEPTED")), "origin");
        refused(RuleStatusReader::read, edit(restore, r -> r.set("source", sourceNode())), "origin");
        refused(RuleStatusReader::read, edit(update, r -> r.put("origin", "REPLAY")), "origin");
    }

    private static void refused(Reader reader, byte[] value, String field) {
        assertThatThrownBy(() -> reader.read(value)).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining(" " + field + " ");
    }

    /** A {@code source} object, as the writers write one. */
    private static ObjectNode sourceNode() {
        return JsonNodeFactory.instance.objectNode().put("topic", "payments.raw").put("partition", 3).put("offset", 42_017L);
    }
}
