package com.cardpay.payments.connectors.contracts.raw;

import com.cardpay.payments.connectors.kafka.KafkaHeaderMapping;
import com.cardpay.payments.connectors.keys.KeyProviderFactory;
import com.cardpay.payments.connectors.keys.SubtaskKeyProviders;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.tokenization.KeyUnavailableException;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.annotation.Nullable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code payments.raw} and tokenizes inside the Kafka source: the bytes that hold a PAN are
 * read ({@link RawPaymentReader}), validated and tokenized right here (see {@link PaymentIngestor}),
 * so what leaves the source operator is either a tokenized payment with its sealed vault record,
 * or a masked dead letter. A bad record never fails the job; a missing key does (nothing
 * untokenized is emitted and Flink restarts from the last checkpoint). The key provider is closed when the subtask is opened
 * again after a restart, or when the job leaves the task manager ({@link SubtaskKeyProviders}).
 */
public final class RawPaymentDeserializer implements KafkaRecordDeserializationSchema<IngestOutcome> {
    private static final long serialVersionUID = 1L;

    private final KeyProviderFactory keyProviderFactory;
    private final Duration maxEventTimeAhead;
    @Nullable private final SortedSet<String> settledCurrencies;
    private transient KeyProvider keyProvider;
    private transient PaymentIngestor ingestor;
    private transient Counter read;
    private transient Counter valid;
    private transient Map<RejectionCode, Counter> rejected;

    /**
     * @param maxEventTimeAhead how far past this job's clock an event_time may be (see {@link
     *     EventTimeLimit})
     */
    public RawPaymentDeserializer(KeyProviderFactory keyProviderFactory, Duration maxEventTimeAhead) {
        this(keyProviderFactory, maxEventTimeAhead, null);
    }

    /**
     * @param settledCurrencies {@code settlement.currencies}: a payment in another currency is a
     *     {@code CURRENCY_NOT_SETTLED} dead letter; null for any currency
     */
    public RawPaymentDeserializer(KeyProviderFactory keyProviderFactory, Duration maxEventTimeAhead,
            @Nullable Set<String> settledCurrencies) {
        this.keyProviderFactory = keyProviderFactory;
        this.maxEventTimeAhead = maxEventTimeAhead;
        this.settledCurrencies = settledCurrencies == null ? null : new TreeSet<>(settledCurrencies);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        MetricGroup metrics = context.getMetricGroup();
        keyProvider = SubtaskKeyProviders.open(keyProviderFactory, context);
        ingestor = new PaymentIngestor(new RawPaymentReader(), new CardTokenizer(keyProvider),
                EventTimeLimit.againstSystemClock(maxEventTimeAhead), settledCurrencies);
        read = metrics.counter("payments_records_read");
        valid = metrics.counter("payments_records_valid");
        rejected = new EnumMap<>(RejectionCode.class);
        for (RejectionCode code : RejectionCode.values()) {
            if (code.fromIngest() && code != RejectionCode.DUPLICATE_CONFLICT) {
                rejected.put(code, metrics.addGroup("error_code", code.name()).counter("payments_dlq_records"));
            }
        }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestOutcome> out) throws IOException {
        read.inc();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        SourcePosition source = new SourcePosition(record.topic(), record.partition(), record.offset(), record.timestamp());
        IngestOutcome outcome;
        try {
            outcome = ingestor.ingest(value, record.key(), KafkaHeaderMapping.fromKafka(record.headers()), source);
        } catch (KeyUnavailableException e) {
            throw new IOException("no tokenization key available; refusing to emit record at " + record.topic()
                    + "-" + record.partition() + "@" + record.offset(), e);
        }
        if (outcome.isAccepted()) {
            valid.inc();
        } else {
            rejected.get(RejectionCode.valueOf(outcome.deadLetter().errorCode())).inc();
        }
        out.collect(outcome);
    }

    @Override
    public TypeInformation<IngestOutcome> getProducedType() {
        return TypeInformation.of(IngestOutcome.class);
    }
}
