package com.cardpay.payments.connectors.vault.testserver;

import com.cardpay.payments.connectors.vault.testserver.FakeVaultServer.AdjustableClock;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The parts of one fake Vault, wired once: its clock, the engines, the faults and the request log.
 * They share one lock (which guards all their state) and one {@link SecureRandom}.
 */
record Parts(Object lock, AdjustableClock clock, TokenAuth tokens, KubernetesAuth kubernetes,
        KvEngine kv, TransitEngine transit, Faults faults, RequestLog log) {

    /** Fresh parts with the default mounts, TTLs on {@code baseClock} plus an adjustable offset. */
    static Parts create(Clock baseClock) {
        Object lock = new Object();
        SecureRandom random = new SecureRandom();
        AdjustableClock clock = new AdjustableClock(baseClock);
        TokenAuth tokens = new TokenAuth(lock, clock, random);
        return new Parts(lock, clock, tokens, new KubernetesAuth(lock, tokens), new KvEngine(lock, clock),
                new TransitEngine(lock, clock, random), new Faults(lock), new RequestLog(lock, tokens::isIssued));
    }
}
