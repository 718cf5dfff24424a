package com.cardpay.payments.tools.detokenize;

import com.sun.security.auth.module.UnixSystem;

import javax.annotation.Nullable;

/**
 * The user this process runs as, as the operating system sees it: for the audit trail.
 *
 * <p>Not {@code System.getProperty("user.name")}, which anyone can set with {@code -Duser.name=...},
 * and not {@code $USER}. {@link UnixSystem} (module {@code jdk.security.auth}, exported, in every
 * JDK 17 and usable without flags) asks the kernel for the real uid ({@code getuid()}) and the
 * password database for its name ({@code getpwuid_r}); neither reads a system property or the
 * environment.
 *
 * @param name the uid's name, or null when the password database has no entry (containers run
 *     under arbitrary uids); the uid is recorded either way
 */
record OsUser(@Nullable String name, long uid) {
    static OsUser current() {
        UnixSystem system = new UnixSystem();
        return new OsUser(system.getUsername(), system.getUid());
    }
}
