package com.cardpay.payments.functions.settlement;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code settlement_id} of a settlement line: the same for every revision of a window and the
 * same on every run, replay or restore, so downstream can upsert by it (keeping the highest
 * revision) and reconciliation can recompute it from the line's own fields.
 *
 * <p>{@code "stl_"} + the first 22 characters (132 bits) of the unpadded base64url SHA-256 of
 * {@code "settlement-v1"}, merchant id, currency (each as a 4-byte big-endian length and UTF-8
 * bytes), window start and window end (each 8 bytes big-endian). The length prefixes keep
 * {@code ("m-1", "EUR")} and {@code ("m-1E", "UR")} apart. Changing any of this changes every id,
 * which downstream would see as new settlements: don't, without a new version tag and topic.
 */
public final class SettlementId {
    static final String PREFIX = "stl_";
    static final int HASH_CHARS = 22;
    private static final String VERSION = "settlement-v1";

    private SettlementId() {}

    public static String of(String merchantId, String currency, long windowStartMillis, long windowEndMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeText(out, VERSION);
            writeText(out, merchantId);
            writeText(out, currency);
            out.writeLong(windowStartMillis);
            out.writeLong(windowEndMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes.toByteArray()));
        return PREFIX + hash.substring(0, HASH_CHARS);
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
