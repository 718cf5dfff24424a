package com.cardpay.payments.connectors.vault;

import io.github.jopenlibs.vault.VaultException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Every call to Vault goes through here: a retry with exponential backoff for transient failures
 * (connection errors, 5xx, 429), inside a circuit breaker that stops hammering a Vault that is down.
 * A refused request (other 4xx) is not retried: retrying a 403 cannot help. Counts calls and
 * failures and exposes the circuit state as metrics. Log lines name the operation, never a token
 * or a key.
 */
final class VaultCalls {
    private static final Logger LOG = LoggerFactory.getLogger(VaultCalls.class);

    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Counter calls;
    private final Counter failures;

    VaultCalls(MetricGroup metrics, Duration openCircuitWait) {
        this.breaker = CircuitBreaker.of("vault", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openCircuitWait)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(VaultCalls::isTransient)
                .build());
        this.retry = Retry.of("vault", RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0))
                .retryOnException(VaultCalls::isTransient)
                .build());
        this.calls = metrics.counter("vault_calls");
        this.failures = metrics.counter("vault_failures");
        // 0 closed (healthy), 1 open (Vault considered down), 2 half-open (probing).
        metrics.gauge("vault_circuit_state", () -> switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        });
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("Vault circuit breaker: {}", event.getStateTransition()));
    }

    /** Runs {@code call} under retry and circuit breaker. */
    <T> T call(String operation, Callable<T> call) throws VaultException {
        Callable<T> counted = () -> {
            calls.inc();
            try {
                return call.call();
            } catch (VaultException e) {
                failures.inc();
                LOG.warn("Vault {} failed: HTTP {}", operation, e.getHttpStatusCode());
                throw e;
            }
        };
        try {
            return CircuitBreaker.decorateCallable(breaker, Retry.decorateCallable(retry, counted)).call();
        } catch (VaultException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new VaultException("Vault " + operation + " not attempted: the circuit breaker is open after repeated failures", 503);
        } catch (Exception e) {
            failures.inc();
            throw new VaultException("Vault " + operation + " failed: " + e.getClass().getSimpleName(), 0);
        }
    }

    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Worth retrying: no HTTP answer at all, a server error, or rate limiting. */
    static boolean isTransient(Throwable e) {
        if (!(e instanceof VaultException ve)) {
            return true;
        }
        int status = ve.getHttpStatusCode();
        return status == 0 || status == 429 || status >= 500;
    }
}
