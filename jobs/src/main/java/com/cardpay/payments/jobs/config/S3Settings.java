package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.S3_ACCESS_KEY_FILE;
import static com.cardpay.payments.jobs.config.ConfigKey.S3_ENDPOINT;
import static com.cardpay.payments.jobs.config.ConfigKey.S3_PATH_STYLE_ACCESS;
import static com.cardpay.payments.jobs.config.ConfigKey.S3_REGION;
import static com.cardpay.payments.jobs.config.ConfigKey.S3_SECRET_KEY_FILE;
import static com.cardpay.payments.jobs.config.ConfigKey.S3_SSE_KMS_KEY_ID;

import javax.annotation.Nullable;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the S3 API is and how the job signs in to it. Holds no secret: the keys stay in their
 * files until {@code ObjectStorage} reads them, at startup, into the process's file system
 * settings. Without key files the AWS default credential chain applies (the pod's identity).
 */
public record S3Settings(
        @Nullable URI endpoint,
        @Nullable String region,
        boolean pathStyleAccess,
        @Nullable String accessKeyFile,
        @Nullable String secretKeyFile,
        @Nullable String sseKmsKeyId) implements Serializable {

    /** The keys that configure S3; setting one when nothing goes to S3 is a mistake worth reporting. */
    static final List<ConfigKey> KEYS = List.of(S3_ENDPOINT, S3_REGION, S3_PATH_STYLE_ACCESS, S3_ACCESS_KEY_FILE, S3_SECRET_KEY_FILE,
            S3_SSE_KMS_KEY_ID);
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** What KMS accepts as a key: a key id (multi-region ones start mrk-), alias/name, or the ARN of either. */
    private static final Pattern KMS_KEY = Pattern.compile(
            "(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+))"
                    + "|alias/[A-Za-z0-9/_-]+|(mrk-)?[A-Za-z0-9-]{32,36}");

    /** Without SSE-KMS: the bucket's default encryption. */
    public S3Settings(@Nullable URI endpoint, @Nullable String region, boolean pathStyleAccess, @Nullable String accessKeyFile,
            @Nullable String secretKeyFile) {
        this(endpoint, region, pathStyleAccess, accessKeyFile, secretKeyFile, null);
    }

    /** Whether the job signs in with keys from files, rather than with the pod's identity. */
    public boolean keysFromFiles() {
        return accessKeyFile != null;
    }

    /** Whether any of the s3.* keys is set to something other than its default. */
    public boolean differsFromDefaults() {
        return endpoint != null || region != null || pathStyleAccess || accessKeyFile != null || secretKeyFile != null
                || sseKmsKeyId != null;
    }

    static S3Settings from(ConfigValues v) {
        URI endpoint = endpoint(v);
        String region = v.optionalString(S3_REGION);
        if (region != null && (region.length() > 32 || !REGION.matcher(region).matches())) {
            v.problem(S3_REGION, "must be a region name such as eu-west-1 (lowercase letters, digits and '-'), got '" + region + "'");
        }
        String accessKeyFile = v.optionalString(S3_ACCESS_KEY_FILE);
        String secretKeyFile = v.optionalString(S3_SECRET_KEY_FILE);
        if (accessKeyFile != null && secretKeyFile == null) {
            v.problem(S3_SECRET_KEY_FILE, "is required with s3.access-key-file");
        }
        if (secretKeyFile != null && accessKeyFile == null) {
            v.problem(S3_ACCESS_KEY_FILE, "is required with s3.secret-key-file");
        }
        requireAbsolute(v, S3_ACCESS_KEY_FILE, accessKeyFile);
        requireAbsolute(v, S3_SECRET_KEY_FILE, secretKeyFile);
        String sseKmsKeyId = v.optionalString(S3_SSE_KMS_KEY_ID);
        if (sseKmsKeyId != null && (sseKmsKeyId.length() > 2048 || !KMS_KEY.matcher(sseKmsKeyId).matches())) {
            v.problem(S3_SSE_KMS_KEY_ID, "must be a KMS key id, alias/name or key/alias ARN (arn:aws:kms:region:account:key/id), got "
                    + ConfigValues.shown(sseKmsKeyId));
        }
        return new S3Settings(endpoint, region, v.bool(S3_PATH_STYLE_ACCESS), accessKeyFile, secretKeyFile, sseKmsKeyId);
    }

    @Nullable
    private static URI endpoint(ConfigValues v) {
        String value = v.optionalString(S3_ENDPOINT);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            v.problem(S3_ENDPOINT, "must be a URL such as https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            // The value is not echoed: it may hold a key.
            v.problem(S3_ENDPOINT, "must not carry user info: credentials never go in config (use s3.access-key-file "
                    + "and s3.secret-key-file, or the pod's identity)");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
            v.problem(S3_ENDPOINT, "must be https://host or https://host:port, without a path, got " + ConfigValues.shown(value));
            return null;
        }
        return uri;
    }

    private static void requireAbsolute(ConfigValues v, ConfigKey key, @Nullable String path) {
        if (path != null && !path.startsWith("/")) {
            v.problem(key, "must be an absolute path, got '" + path + "'");
        }
    }
}
