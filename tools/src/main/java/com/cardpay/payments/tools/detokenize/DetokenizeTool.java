package com.cardpay.payments.tools.detokenize;

import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.connectors.contracts.vault.VaultReader;
import com.cardpay.payments.connectors.keys.KeyProviderFactory;
import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.connectors.vault.VaultKeyProvider;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.tokenization.CardSecret;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.tokenization.KeyProvider;
import com.cardpay.payments.functions.validation.PanMasker;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.common.CommittedTopic;
import com.cardpay.payments.tools.common.ToolArguments;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Reveals the card behind a token, for authorised use only (disputes, issuer requests). It reads
 * the token's newest entry from {@code payments.vault} ({@code read_committed}), unwraps the data
 * key through the configured key provider (Vault), and prints PAN and expiry. Every attempt, whether
 * it succeeds or not, appends audit lines (who, when, which token, why, outcome; never the PAN) to a
 * regular file ({@link AuditLog}): one before anything is decrypted, one with the outcome before the
 * card is printed. If either cannot be written and forced to disk, the card is not shown.
 *
 * <pre>
 * java -jar payments-tools.jar detokenize \
 *     --token tok_v1_... --reason "dispute CB-1234" --audit-log /var/log/payments/detokenize.audit \
 *     [--config job.properties] [--key value ...]
 * </pre>
 */
public final class DetokenizeTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetokenizeTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 revealed, 1 not found, failed or not audited, 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ToolArguments arguments = ToolArguments.split(args, Set.of("token", "reason", "audit-log"));
        Map<String, String> own = arguments.own();
        if (arguments.get("token") == null || arguments.get("reason") == null || arguments.get("audit-log") == null) {
            err.println("usage: DetokenizeTool --token TOKEN --reason WHY --audit-log FILE [--config FILE] [--key value ...]");
            return 2;
        }
        PaymentsConfig config;
        try {
            config = PaymentsConfigLoader.load(arguments.configArgs());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        err.println("WARNING: this prints a card number in clear. Authorised use only; this access is audited.");
        Path auditLog = Path.of(own.get("audit-log"));
        String token = own.get("token");
        // No audit, no reveal: the request is recorded before anything is decrypted.
        if (!audit(auditLog, token, own.get("reason"), "requested", err)) {
            err.println("Refusing to detokenize without an audit trail.");
            return 1;
        }
        CardSecret card = null;
        String outcome;
        try {
            VaultRecord record = newestEntry(config, token);
            if (record == null) {
                outcome = "not_found";
                err.println("No entry for " + PanMasker.mask(token) + " in " + config.topics().vault());
            } else {
                try (KeyProvider keys = keyProvider(config).open(new UnregisteredMetricsGroup())) {
                    card = CardTokenizer.open(record, keys);
                }
                outcome = "revealed";
            }
        } catch (Exception e) {
            outcome = "failed";
            err.println("Detokenization failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // The outcome is on disk before the card is shown: if it cannot be written, nothing is.
        if (!audit(auditLog, token, own.get("reason"), outcome, err)) {
            err.println("Refusing to detokenize without an audit trail: the card is not shown.");
            return 1;
        }
        if (card == null) {
            return 1;
        }
        out.println("pan=" + card.pan() + " expiry=" + card.expiry());
        return 0;
    }

    private static KeyProviderFactory keyProvider(PaymentsConfig config) {
        return switch (config.keyProvider()) {
            case LOCAL -> LocalKeyProvider.factory();
            case VAULT -> VaultKeyProvider.factory(config.vault());
        };
    }

    private static VaultRecord newestEntry(PaymentsConfig config, String token) throws UnreadableRecordException {
        byte[] key = token.getBytes(StandardCharsets.UTF_8);
        byte[][] newestValue = new byte[1][];
        CommittedTopic.forEach(config, config.topics().vault(), Duration.ofMinutes(2), r -> {
            if (Arrays.equals(key, r.key())) {
                newestValue[0] = r.value();
            }
        });
        return newestValue[0] == null ? null : VaultReader.read(newestValue[0]);
    }

    private static boolean audit(Path log, String token, String reason, String outcome, PrintStream err) {
        String line = auditLine(token, reason, outcome);
        try {
            new AuditLog(log).append(line);
        } catch (IOException e) {
            err.println("AUDIT LOG WRITE FAILED for " + log + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
        err.println("audit: " + line);
        return true;
    }

    /** One audit line: who, where, when, which token, why and the outcome; never the card. */
    static String auditLine(String token, String reason, String outcome) {
        return auditLine(token, reason, outcome, Instant.now());
    }

    /**
     * The time is written to the millisecond: at nanosecond precision "13:55:20.499508887" is a
     * chain of 15 digits, which the card-number detector (rightly, it does not rely on Luhn) treats
     * as a card number; to the millisecond the longest chain is 9 digits.
     */
    static String auditLine(String token, String reason, String outcome, Instant now) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", now.truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("action", "detokenize");
        OsUser user = OsUser.current();
        line.put("user", user.name());
        line.put("uid", user.uid());
        try {
            line.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            line.put("host", "unknown");
        }
        // A card number pasted as the token or into the reason is masked: the log is kept for years.
        line.put("card_token", PanMasker.mask(token));
        line.put("reason", PanMasker.mask(reason));
        line.put("outcome", outcome);
        return line.toString();
    }
}
