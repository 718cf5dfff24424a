package com.cardpay.payments.connectors.kafka;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses to start a job whose sinks' transactional ids a running job already uses. A second job
 * with the same prefix (a replay started from the production configuration, say) would abort the
 * running job's open transactions when its sinks start, and fence its producers: the running job's
 * last checkpoint's output would be lost, and it would restart.
 *
 * <p>The broker tells: a running exactly-once job always has a transaction open under its prefix,
 * begun at most about a checkpoint interval ago. A transaction left open by a job that crashed
 * stops getting younger, so after {@code recent} it no longer counts. Where the broker cannot tell
 * (no DESCRIBE on transactional ids, or a broker too old for the API), the check logs so and
 * passes: it is a guard, not the only protection (the prefix carries the job name and the
 * deployment environment). Nor can it see a running job that has written nothing since its last
 * checkpoint: the producer opens its transaction on the broker with its first record.
 */
public final class TransactionalIdGuard {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalIdGuard.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TransactionalIdGuard() {}

    /**
     * The ongoing transactions of the given sinks that began within {@code recent} of now. A sink's
     * transactional ids are {@code <sink prefix>-<subtask>-<n>} (the Kafka connector's), so an id
     * matches only in full: {@code payments.prod-dlq-0-1} is not {@code payments.prod-eu-dlq-0-1}.
     */
    public static List<String> recentlyActive(String bootstrapServers, Map<String, String> clientProperties,
            Collection<String> sinkPrefixes, Duration recent, Clock clock) throws InterruptedException {
        checkNotNull(bootstrapServers, "bootstrapServers");
        checkArgument(sinkPrefixes != null && !sinkPrefixes.isEmpty() && sinkPrefixes.stream().noneMatch(String::isBlank),
                "sink transactional-id prefixes must be given and not blank");
        Pattern ours = Pattern.compile(sinkPrefixes.stream().map(Pattern::quote)
                .collect(Collectors.joining("|", "(?:", ")-\\d+-\\d+")));
        String prefix = String.join(", ", sinkPrefixes);
        Map<String, Object> admin = new HashMap<>(clientProperties);
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            List<String> ongoing = client.listTransactions(new ListTransactionsOptions().filterStates(Set.of(TransactionState.ONGOING)))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId)
                    .filter(id -> ours.matcher(id).matches())
                    .collect(Collectors.toList());
            if (ongoing.isEmpty()) {
                return List.of();
            }
            long since = clock.millis() - recent.toMillis();
            Map<String, TransactionDescription> described =
                    client.describeTransactions(ongoing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return described.entrySet().stream()
                    .filter(e -> e.getValue().state() == TransactionState.ONGOING
                            && e.getValue().transactionStartTimeMs().orElse(Long.MIN_VALUE) >= since)
                    .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransactionalIdAuthorizationException || cause instanceof ClusterAuthorizationException
                    || cause instanceof UnsupportedVersionException) {
                LOG.warn("The broker cannot tell whether another job uses the transactional ids {}-*: {}. "
                        + "Starting without that check.", prefix, cause.getClass().getSimpleName());
                return List.of();
            }
            throw new IllegalStateException("Could not list the brokers' transactions to check the transactional ids "
                    + prefix + "-*: " + cause, cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The brokers did not list their transactions within " + TIMEOUT_SECONDS
                    + " s; the transactional ids " + prefix + "-* could not be checked", e);
        }
    }
}
