package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules in force: immutable and thread-safe. An update makes a new book ({@link #apply}); the
 * scoring operator swaps its reference.
 *
 * <p>Every rule ever accepted stays in the book, DISABLED ones included, so that its version is
 * remembered: a DISABLED rule is not evaluated, and an older version of it cannot come back.
 *
 * <p>Versions: an update must carry a higher version than the rule in force under its id. The
 * same version with the same content (canonical JSON) is a replay, such as the compacted topic
 * read again or a default rule that is also on the topic: {@link #apply} accepts it as a no-op and
 * returns this very book. The same version with other content is rejected, since two different
 * rules would then share one identity in {@code rules_version} and in every reason.
 */
public final class RuleBook {
    /** Highest score; points above it are cut off. */
    public static final int MAX_SCORE = 1000;

    private static final Reason[] NO_REASONS = new Reason[0];
    private static final ShadowHit[] NO_SHADOW_HITS = new ShadowHit[0];
    private static final RuleBook EMPTY = new RuleBook(new TreeMap<>());

    /** Active rules first by forced decision (strictest first), then by points (highest first), then id. */
    private static final Comparator<FraudRule> REASON_ORDER = Comparator
            .comparingInt((FraudRule r) -> r.forcedDecision() == null ? -1 : r.forcedDecision().ordinal())
            .reversed()
            .thenComparing(Comparator.comparingInt(FraudRule::points).reversed())
            .thenComparing(FraudRule::id);

    private final Map<String, FraudRule> rules;
    private final FraudRule[] active;
    private final Reason[] activeReasons;
    private final FraudRule[] shadow;
    private final ShadowHit[] shadowHits;
    private final String rulesVersion;
    private final Evaluation clean;

    private RuleBook(TreeMap<String, FraudRule> rules) {
        this.rules = Collections.unmodifiableMap(rules);
        List<FraudRule> activeList = new ArrayList<>();
        List<FraudRule> shadowList = new ArrayList<>();
        for (FraudRule rule : rules.values()) {
            if (rule.state() == RuleState.ACTIVE) {
                activeList.add(rule);
            } else if (rule.state() == RuleState.SHADOW) {
                shadowList.add(rule);
            }
        }
        activeList.sort(REASON_ORDER);
        this.active = activeList.toArray(new FraudRule[0]);
        this.activeReasons = activeList.stream().map(FraudRule::reason).toArray(Reason[]::new);
        this.shadow = shadowList.toArray(new FraudRule[0]); // by id, from the TreeMap
        this.shadowHits = shadowList.stream().map(FraudRule::shadowHit).toArray(ShadowHit[]::new);
        this.rulesVersion = fingerprint(rules.values());
        this.clean = new Evaluation(0, Decision.APPROVE, null, NO_REASONS, NO_SHADOW_HITS, rulesVersion);
    }

    /** A book without rules: every payment scores 0. */
    public static RuleBook empty() {
        return EMPTY;
    }

    /** The default rules shipped in {@code fraud/default-rules.json}, for a job's first start. */
    public static RuleBook withDefaults() {
        return of(DefaultRules.load());
    }

    /**
     * A book of these rules, without version checks: for restoring from state, where every rule
     * was accepted before.
     *
     * @throws IllegalArgumentException if two rules share an id
     */
    public static RuleBook of(Collection<FraudRule> rules) {
        TreeMap<String, FraudRule> byId = new TreeMap<>();
        for (FraudRule rule : rules) {
            if (byId.put(rule.id(), rule) != null) {
                throw new IllegalArgumentException("two rules with the id " + rule.id());
            }
        }
        return byId.isEmpty() ? EMPTY : new RuleBook(byId);
    }

    /**
     * The book with this update in force. Returns this book, unchanged, when the update is a
     * replay of the rule in force (same id, version and content).
     *
     * @throws RuleRejectedException (category VERSION) when the version is older than the one in
     *     force, or the same with other content
     */
    public RuleBook apply(FraudRule update) throws RuleRejectedException {
        FraudRule current = rules.get(update.id());
        if (current != null) {
            if (update.version() < current.version()) {
                throw new RuleRejectedException(Category.VERSION, update.id(), update.version(),
                        "version " + update.version() + " is older than version " + current.version()
                                + " in force; an update needs a version above " + current.version());
            }
            if (update.version() == current.version()) {
                if (update.equals(current)) {
                    return this;
                }
                throw new RuleRejectedException(Category.VERSION, update.id(), update.version(),
                        "version " + update.version() + " is already in force with other content;"
                                + " publish the change as version " + (current.version() + 1L));
            }
        }
        TreeMap<String, FraudRule> next = new TreeMap<>(rules);
        next.put(update.id(), update);
        return new RuleBook(next);
    }

    /**
     * What {@link #apply} would change, in words for the status topic, e.g. {@code "v2 -> v3,
     * SHADOW -> ACTIVE"}. Call it on the book before the update.
     */
    public String describeChange(FraudRule update) {
        FraudRule current = rules.get(update.id());
        if (current == null) {
            return "new rule " + update;
        }
        if (current.version() == update.version() && current.equals(update)) {
            return "unchanged: " + current + " is already in force";
        }
        StringBuilder b = new StringBuilder().append(update.id()).append(" v").append(current.version())
                .append(" -> v").append(update.version());
        if (current.state() != update.state()) {
            b.append(", ").append(current.state()).append(" -> ").append(update.state());
        } else {
            b.append(", ").append(update.state());
        }
        return b.toString();
    }

    /**
     * Scores one payment. ACTIVE rules add their points (capped at {@link #MAX_SCORE}) and may
     * force a decision; the decision is the stricter of the forced one and the score's
     * ({@code declineScore} and above DECLINE, {@code reviewScore} and above REVIEW). SHADOW rules
     * are only reported. Deterministic; a payment that matches nothing allocates nothing, and one
     * that does allocates its result arrays.
     */
    public Evaluation evaluate(Feature.Values values, FraudSettings settings) {
        Reason[] reasons = null;
        int reasonCount = 0;
        int points = 0;
        Decision forced = null;
        for (int i = 0; i < active.length; i++) {
            FraudRule rule = active[i];
            if (rule.matches(values)) {
                if (reasons == null) {
                    reasons = new Reason[active.length - i];
                }
                reasons[reasonCount++] = activeReasons[i];
                points += rule.points();
                Decision ruleDecision = rule.forcedDecision();
                if (ruleDecision != null) {
                    forced = forced == null ? ruleDecision : forced.stricter(ruleDecision);
                }
            }
        }
        ShadowHit[] hits = null;
        int hitCount = 0;
        for (int i = 0; i < shadow.length; i++) {
            if (shadow[i].matches(values)) {
                if (hits == null) {
                    hits = new ShadowHit[shadow.length - i];
                }
                hits[hitCount++] = shadowHits[i];
            }
        }
        int score = Math.min(points, MAX_SCORE);
        Decision byScore = score >= settings.declineScore() ? Decision.DECLINE
                : score >= settings.reviewScore() ? Decision.REVIEW
                : Decision.APPROVE;
        Decision decision = forced == null ? byScore : byScore.stricter(forced);
        if (reasons == null && hits == null && decision == Decision.APPROVE) {
            return clean;
        }
        return new Evaluation(score, decision, forced, trim(reasons, reasonCount, NO_REASONS),
                trim(hits, hitCount, NO_SHADOW_HITS), rulesVersion);
    }

    /**
     * Identifies the rules in force: {@code "rs-"} and 16 hex digits of the SHA-256 of the sorted
     * {@code id:version:state} lines of every rule in the book. The same set gives the same string in
     * every job and every restart; any accepted change (a new rule, a new version, a new state)
     * changes it. A version identifies content because a version is never reused for other content.
     */
    public String rulesVersion() {
        return rulesVersion;
    }

    /** Every rule in the book, DISABLED ones included, by id. */
    public Map<String, FraudRule> rules() {
        return rules;
    }

    public Optional<FraudRule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** The ACTIVE rules, in the order of the reasons they give. */
    public List<FraudRule> activeRules() {
        return List.of(active);
    }

    /** The SHADOW rules, by id. */
    public List<FraudRule> shadowRules() {
        return List.of(shadow);
    }

    /** Every rule as Flink state keeps it, by id. */
    public List<StoredRule> toStoredRules() {
        return rules.values().stream().map(FraudRule::toStoredRule).toList();
    }

    public int size() {
        return rules.size();
    }

    @Override
    public String toString() {
        return "RuleBook[" + rulesVersion + ": " + rules.values() + "]";
    }

    private static <T> T[] trim(@Nullable T[] array, int length, T[] none) {
        if (array == null) {
            return none;
        }
        return array.length == length ? array : Arrays.copyOf(array, length);
    }

    private static String fingerprint(Collection<FraudRule> sortedById) {
        StringBuilder lines = new StringBuilder();
        for (FraudRule rule : sortedById) {
            lines.append(rule.id()).append(':').append(rule.version()).append(':').append(rule.state()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8));
            return "rs-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
