package com.cardpay.payments.savepoints;

import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the fixtures live, the job settings they are taken and restored with, and their input's topics. */
final class Fixtures {
    /** The committed fixtures, one directory per version, each with {@code savepoint/} and {@code FIXTURE.md}. */
    static final Path DIRECTORY = Paths.get(System.getProperty("fixtures.dir", "fixtures")).toAbsolutePath();
    static final String RAW = "fixture.raw";
    /**
     * Merchants with a time zone (settlement input, not {@link FixtureInput}: version 1 stays as it
     * is). A fixture taken since zones exist holds windows that recorded these zones; fixture
     * 0.1.0 holds windows from before, which must keep the UTC rule after the restore.
     */
    static final String MERCHANT_TIME_ZONES = "m-1=Europe/Berlin,m-2=America/New_York";
    static final String RULES = "fixture.fraud-rules";

    private Fixtures() {}

    /**
     * The job's settings for a fixture: its input topics (the source's offsets in the savepoint
     * name them), outputs under {@code name}, the one-minute windows {@link FixtureInput} is made
     * for, and time-to-live settings long enough that a fixture committed today still holds its
     * dedupe entries and merchant profiles when CI restores it years later (both are processing-time).
     */
    static PaymentsConfig config(String name, String bootstrap, Path checkpoints, int parallelism) {
        Map<String, String> s = TestJobs.withMinuteSettlement(TestJobs.settings(name, bootstrap, checkpoints));
        s.put("topics.raw", RAW);
        s.put("topics.fraud-rules", RULES);
        s.put("job.parallelism", Integer.toString(parallelism));
        s.put("dedupe.ttl", "36500d");
        s.put("fraud.merchant-state-ttl", "36500d");
        s.put("settlement.merchant-time-zones", MERCHANT_TIME_ZONES);
        return PaymentsConfig.from(s);
    }

    static List<Path> committed() throws IOException {
        if (!Files.isDirectory(DIRECTORY)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(DIRECTORY)) {
            return versions.filter(v -> Files.isRegularFile(v.resolve("savepoint").resolve("_metadata"))).sorted().toList();
        }
    }

    static void produce(String bootstrap, String topic, List<FixtureInput.Payment> payments) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (FixtureInput.Payment p : payments) {
                producer.send(new ProducerRecord<>(topic, p.partition(), p.merchant(), p.json().toString()));
            }
            producer.flush();
        }
    }

    static void produceRule(String bootstrap) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(RULES, 0, FixtureInput.RULE_ID, FixtureInput.RULE));
            producer.flush();
        }
    }

    static JobClient start(PaymentsConfig config, Path savepoint) throws Exception {
        return TestJobs.start(config, savepoint == null ? null : savepoint.toUri().toString());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }
}
