package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.all;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.book;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.cmp;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.forced;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.parse;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.points;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.pointsRule;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.rule;
import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

class RuleBookTest {
    private static final FraudSettings SETTINGS = FraudSettings.defaults(); // REVIEW at 400, DECLINE at 700

    private static final String BURST = cmp("card.count_short", ">=", "5");
    private static final String CROSS_BORDER = cmp("geo.card_merchant_country_mismatch", "==", "true");
    private static final String TESTING = cmp("card.card_testing", "==", "true");
    private static final String LARGE = cmp("payment.amount_minor", ">=", "100000");

    private static FraudSettings thresholds(int review, int decline) {
        FraudSettings d = FraudSettings.defaults();
        return new FraudSettings(d.shortWindow(), d.mediumWindow(), d.longWindow(), d.distinctWindow(),
                d.thresholds(), d.cardTestingSmallCount(),
                d.cardTestingWindow(), d.merchantBaselineHalfLife(), d.merchantRatioHalfLife(), d.merchantMinBaseline(),
                d.merchantStateTtl(), review, decline);
    }

    @Nested
    class Scoring {
        private final RuleBook book = book(
                points("burst", 450, BURST),
                points("cross-border", 150, CROSS_BORDER),
                points("large", 250, LARGE));

        @Test
        void nothingMatchesApprovesWithScoreZero() {
            Evaluation e = book.evaluate(values().build(), SETTINGS);
            assertThat(e.score()).isZero();
            assertThat(e.decision()).isEqualTo(Decision.APPROVE);
            assertThat(e.forcedDecision()).isNull();
            assertThat(e.reasons()).isEmpty();
            assertThat(e.shadowHits()).isEmpty();
            assertThat(e.rulesVersion()).isEqualTo(book.rulesVersion());
        }

        @Test
        void pointsAddUpAndThresholdsDecide() {
            Evaluation approve = book.evaluate(values().merchantCountry("FR").build(), SETTINGS);
            assertThat(approve.score()).isEqualTo(150);
            assertThat(approve.decision()).isEqualTo(Decision.APPROVE);
            assertThat(approve.reasons()).containsExactly(new Reason("CROSS_BORDER", "cross-border", 1, 150));

            Evaluation review = book.evaluate(values().merchantCountry("FR").amountMinor(100_000).build(), SETTINGS);
            assertThat(review.score()).isEqualTo(400);
            assertThat(review.decision()).as("a score at the threshold").isEqualTo(Decision.REVIEW);

            Evaluation decline = book.evaluate(values().countShort(5).amountMinor(100_000).build(), SETTINGS);
            assertThat(decline.score()).isEqualTo(700);
            assertThat(decline.decision()).isEqualTo(Decision.DECLINE);
            assertThat(decline.reasons()).extracting(Reason::code).containsExactly("BURST", "LARGE");
        }

        @Test
        void thresholdsComeFromTheSettings() {
            Feature.Values v = values().merchantCountry("FR").build();
            assertThat(book.evaluate(v, thresholds(100, 200)).decision()).isEqualTo(Decision.REVIEW);
            assertThat(book.evaluate(v, thresholds(100, 150)).decision()).isEqualTo(Decision.DECLINE);
            assertThat(book.evaluate(v, thresholds(151, 900)).decision()).isEqualTo(Decision.APPROVE);
        }

        @Test
        void scoreIsCappedAt1000() {
            RuleBook heavy = book(points("a", 1000, BURST), points("b", 600, BURST), points("c", 1, BURST));
            Evaluation e = heavy.evaluate(values().countShort(9).build(), SETTINGS);
            assertThat(e.score()).isEqualTo(1000);
            assertThat(e.decision()).isEqualTo(Decision.DECLINE);
            assertThat(e.reasons()).extracting(Reason::points).containsExactly(1000, 600, 1);
        }

        @Test
        void reasonsAreOrderedByForcedDecisionThenPointsThenId() {
            RuleBook ordered = book(
                    points("b-equal", 100, BURST),
                    points("a-equal", 100, BURST),
                    points("small", 5, BURST),
                    forced("review", "REVIEW", BURST),
                    points("big", 300, BURST),
                    forced("decline", "DECLINE", BURST));
            Evaluation e = ordered.evaluate(values().countShort(5).build(), SETTINGS);
            assertThat(e.reasons()).extracting(Reason::ruleId)
                    .containsExactly("decline", "review", "big", "a-equal", "b-equal", "small");
            assertThat(ordered.activeRules()).extracting(FraudRule::id)
                    .containsExactly("decline", "review", "big", "a-equal", "b-equal", "small");
        }
    }

    @Nested
    class ForcedDecisions {
        @Test
        void forcedDeclineWinsOverALowScore() {
            RuleBook book = book(forced("card-testing", "DECLINE", TESTING), points("cross-border", 150, CROSS_BORDER));
            Evaluation e = book.evaluate(values().cardTesting(true).merchantCountry("FR").build(), SETTINGS);
            assertThat(e.score()).isEqualTo(150);
            assertThat(e.decision()).isEqualTo(Decision.DECLINE);
            assertThat(e.forcedDecision()).isEqualTo(Decision.DECLINE);
            assertThat(e.reasons()).containsExactly(
                    new Reason("CARD_TESTING", "card-testing", 1, 0), new Reason("CROSS_BORDER", "cross-border", 1, 150));
        }

        @Test
        void forcedReviewDoesNotSoftenADeclineScore() {
            RuleBook book = book(forced("look", "REVIEW", BURST), points("heavy", 800, BURST));
            Evaluation e = book.evaluate(values().countShort(5).build(), SETTINGS);
            assertThat(e.score()).isEqualTo(800);
            assertThat(e.forcedDecision()).isEqualTo(Decision.REVIEW);
            assertThat(e.decision()).isEqualTo(Decision.DECLINE);
        }

        @Test
        void forcedReviewRaisesAnApprove() {
            RuleBook book = book(forced("look", "REVIEW", BURST));
            Evaluation e = book.evaluate(values().countShort(5).build(), SETTINGS);
            assertThat(e.score()).isZero();
            assertThat(e.decision()).isEqualTo(Decision.REVIEW);
        }

        @Test
        void theStrictestForcedDecisionWins() {
            RuleBook book = book(forced("look", "REVIEW", BURST), forced("stop", "DECLINE", BURST));
            Evaluation e = book.evaluate(values().countShort(5).build(), SETTINGS);
            assertThat(e.forcedDecision()).isEqualTo(Decision.DECLINE);
            assertThat(e.decision()).isEqualTo(Decision.DECLINE);
        }
    }

    @Nested
    class Shadow {
        private final FraudRule shadowPoints = parse(pointsRule("burst-3", 2, "SHADOW", cmp("card.count_short", ">=", "3"), 900));
        private final FraudRule shadowDecline = parse(rule("testing-shadow", 1, "SHADOW", TESTING, "\"decision\":\"DECLINE\""));
        private final FraudRule active = points("burst", 450, BURST);

        @Test
        void shadowRulesAreReportedButChangeNothing() {
            RuleBook withShadow = book(active, shadowPoints, shadowDecline);
            RuleBook without = book(active);
            Random random = new Random(7);
            for (int i = 0; i < 500; i++) {
                Feature.Values v = values().countShort(random.nextInt(8)).cardTesting(random.nextBoolean()).build();
                Evaluation a = withShadow.evaluate(v, SETTINGS);
                Evaluation b = without.evaluate(v, SETTINGS);
                assertThat(a.score()).isEqualTo(b.score());
                assertThat(a.decision()).isEqualTo(b.decision());
                assertThat(a.forcedDecision()).isEqualTo(b.forcedDecision());
                assertThat(a.reasons()).isEqualTo(b.reasons());
                assertThat(b.shadowHits()).isEmpty();
            }
        }

        @Test
        void shadowHitsNameRuleVersionAndWhatItWouldHaveDone() {
            RuleBook book = book(active, shadowPoints, shadowDecline);
            Evaluation e = book.evaluate(values().countShort(3).cardTesting(true).build(), SETTINGS);
            assertThat(e.score()).isZero();
            assertThat(e.decision()).isEqualTo(Decision.APPROVE);
            assertThat(e.reasons()).isEmpty();
            assertThat(e.shadowHits()).containsExactly(
                    new ShadowHit("burst-3", 2, 900, null),
                    new ShadowHit("testing-shadow", 1, 0, Decision.DECLINE));
            assertThat(book.shadowRules()).extracting(FraudRule::id).containsExactly("burst-3", "testing-shadow");
        }

        @Test
        void shadowThenActiveWithAHigherVersion() throws RuleRejectedException {
            RuleBook book = book(shadowPoints);
            Feature.Values v = values().countShort(4).build();
            assertThat(book.evaluate(v, SETTINGS).decision()).isEqualTo(Decision.APPROVE);

            RuleBook live = book.apply(parse(pointsRule("burst-3", 3, "ACTIVE", cmp("card.count_short", ">=", "3"), 900)));
            Evaluation e = live.evaluate(v, SETTINGS);
            assertThat(e.decision()).isEqualTo(Decision.DECLINE);
            assertThat(e.reasons()).containsExactly(new Reason("BURST_3", "burst-3", 3, 900));
            assertThat(e.shadowHits()).isEmpty();
        }
    }

    @Nested
    class Versions {
        private final FraudRule v2 = parse(pointsRule("burst", 2, "ACTIVE", BURST, 300));

        @Test
        void higherVersionReplaces() throws RuleRejectedException {
            RuleBook book = book(v2).apply(parse(pointsRule("burst", 5, "ACTIVE", BURST, 500)));
            assertThat(book.rule("burst")).get().extracting(FraudRule::version, FraudRule::points).containsExactly(5, 500);
            assertThat(book.size()).isEqualTo(1);
        }

        @Test
        void olderVersionIsRejected() {
            RuleBook book = book(v2);
            RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class,
                    () -> book.apply(parse(pointsRule("burst", 1, "ACTIVE", BURST, 999))));
            assertThat(e.category()).isEqualTo(Category.VERSION);
            assertThat(e.ruleId()).isEqualTo("burst");
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("version 1 is older than version 2 in force; an update needs a version above 2");
            assertThat(book.rule("burst")).contains(v2);
        }

        @Test
        void sameVersionWithOtherContentIsRejected() {
            RuleBook book = book(v2);
            RuleRejectedException e = catchThrowableOfType(RuleRejectedException.class,
                    () -> book.apply(parse(pointsRule("burst", 2, "ACTIVE", BURST, 301))));
            assertThat(e.category()).isEqualTo(Category.VERSION);
            assertThat(e.getMessage()).isEqualTo(
                    "version 2 is already in force with other content; publish the change as version 3");
        }

        @Test
        void sameVersionWithSameContentIsANoOp() throws RuleRejectedException {
            RuleBook book = book(v2);
            FraudRule replay = parse("{\"points\":300,\"when\":" + BURST + ",\"state\":\"ACTIVE\",\"version\":2,\"id\":\"burst\"}");
            assertThat(book.apply(replay)).isSameAs(book);
            assertThat(book.describeChange(replay)).isEqualTo("unchanged: burst v2 ACTIVE 300 points is already in force");
        }

        @Test
        void describeChange() {
            RuleBook book = book(v2);
            assertThat(book.describeChange(parse(pointsRule("burst", 3, "SHADOW", BURST, 300))))
                    .isEqualTo("burst v2 -> v3, ACTIVE -> SHADOW");
            assertThat(book.describeChange(parse(pointsRule("burst", 3, "ACTIVE", BURST, 1))))
                    .isEqualTo("burst v2 -> v3, ACTIVE");
            assertThat(book.describeChange(points("new", 10, BURST))).isEqualTo("new rule new v1 ACTIVE 10 points");
        }

        @Test
        void booksAreImmutable() throws RuleRejectedException {
            RuleBook before = book(v2);
            String version = before.rulesVersion();
            RuleBook after = before.apply(points("other", 10, BURST));
            assertThat(before.size()).isEqualTo(1);
            assertThat(before.rulesVersion()).isEqualTo(version);
            assertThat(after.size()).isEqualTo(2);
            assertThatThrownBy(() -> before.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Disabled {
        @Test
        void disabledRemovesTheRulesEffectAndKeepsItsVersion() throws RuleRejectedException {
            RuleBook book = book(parse(pointsRule("burst", 1, "ACTIVE", BURST, 450)));
            Feature.Values v = values().countShort(5).build();
            assertThat(book.evaluate(v, SETTINGS).score()).isEqualTo(450);

            RuleBook disabled = book.apply(parse(pointsRule("burst", 2, "DISABLED", BURST, 450)));
            Evaluation e = disabled.evaluate(v, SETTINGS);
            assertThat(e.score()).isZero();
            assertThat(e.reasons()).isEmpty();
            assertThat(e.shadowHits()).isEmpty();
            assertThat(disabled.activeRules()).isEmpty();
            assertThat(disabled.rule("burst")).get().extracting(FraudRule::state).isEqualTo(RuleState.DISABLED);

            RuleRejectedException old = catchThrowableOfType(RuleRejectedException.class,
                    () -> disabled.apply(parse(pointsRule("burst", 1, "ACTIVE", BURST, 450))));
            assertThat(old.category()).as("the old version cannot come back").isEqualTo(Category.VERSION);

            RuleBook again = disabled.apply(parse(pointsRule("burst", 3, "ACTIVE", BURST, 450)));
            assertThat(again.evaluate(v, SETTINGS).score()).isEqualTo(450);
        }

        @Test
        void disabledShadowRuleStopsReporting() throws RuleRejectedException {
            RuleBook book = book(parse(pointsRule("s", 1, "SHADOW", BURST, 10)))
                    .apply(parse(pointsRule("s", 2, "DISABLED", BURST, 10)));
            assertThat(book.evaluate(values().countShort(5).build(), SETTINGS).shadowHits()).isEmpty();
        }
    }

    @Nested
    class RulesVersion {
        @Test
        void identifiesTheSetDeterministically() throws RuleRejectedException {
            FraudRule a = points("a", 100, BURST);
            FraudRule b = points("b", 200, CROSS_BORDER);
            RuleBook ab = book(a, b);
            RuleBook ba = book(b, a);
            assertThat(ab.rulesVersion()).isEqualTo(ba.rulesVersion()).matches("rs-[0-9a-f]{16}");
            assertThat(RuleBook.of(List.of(b, a)).rulesVersion()).isEqualTo(ab.rulesVersion());
            assertThat(ab.apply(a)).as("a replay").isSameAs(ab);
        }

        @Test
        void changesWhenTheSetChanges() throws RuleRejectedException {
            RuleBook base = book(points("a", 100, BURST));
            Set<String> versions = new HashSet<>();
            versions.add(RuleBook.empty().rulesVersion());
            versions.add(base.rulesVersion());
            versions.add(base.apply(points("b", 100, BURST)).rulesVersion());
            versions.add(base.apply(parse(pointsRule("a", 2, "ACTIVE", BURST, 100))).rulesVersion());
            versions.add(base.apply(parse(pointsRule("a", 2, "SHADOW", BURST, 100))).rulesVersion());
            versions.add(base.apply(parse(pointsRule("a", 2, "DISABLED", BURST, 100))).rulesVersion());
            assertThat(versions).hasSize(6);
        }

        @Test
        void knownValueIsStableAcrossRuns() {
            // sha256("a:1:ACTIVE\n") truncated: pins the format so that a change to it is deliberate.
            assertThat(book(points("a", 100, BURST)).rulesVersion()).isEqualTo(expectedFingerprint("a:1:ACTIVE\n"));
        }

        private static String expectedFingerprint(String lines) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return "rs-" + java.util.HexFormat.of().formatHex(d, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Determinism {
        @Test
        void sameInputSameEvaluationWhateverTheOrderOfUpdates() {
            List<FraudRule> rules = new ArrayList<>(List.of(
                    points("burst", 450, BURST),
                    points("cross-border", 150, CROSS_BORDER),
                    points("large", 250, LARGE),
                    forced("testing", "DECLINE", TESTING),
                    parse(pointsRule("shadow-a", 1, "SHADOW", BURST, 10)),
                    parse(pointsRule("shadow-b", 1, "SHADOW", all(BURST, CROSS_BORDER), 20))));
            RuleBook first = book(rules.toArray(FraudRule[]::new));
            Random random = new Random(42);
            for (int shuffle = 0; shuffle < 20; shuffle++) {
                Collections.shuffle(rules, random);
                RuleBook other = book(rules.toArray(FraudRule[]::new));
                for (int i = 0; i < 50; i++) {
                    Feature.Values v = values().countShort(random.nextInt(8)).merchantCountry(random.nextBoolean() ? "FR" : "DE")
                            .amountMinor(random.nextInt(200_000) + 1).cardTesting(random.nextInt(10) == 0).build();
                    Evaluation a = first.evaluate(v, SETTINGS);
                    assertThat(other.evaluate(v, SETTINGS)).isEqualTo(a).hasSameHashCodeAs(a);
                    assertThat(first.evaluate(v, SETTINGS)).isEqualTo(a);
                }
            }
        }

        @Test
        void aCleanPaymentAllocatesNoResult() {
            RuleBook book = book(points("burst", 450, BURST), parse(pointsRule("s", 1, "SHADOW", BURST, 1)));
            Feature.Values clean = values().build();
            assertThat(book.evaluate(clean, SETTINGS)).isSameAs(book.evaluate(clean, SETTINGS));
        }

        @Test
        void reasonsAreSharedPerRule() {
            FraudRule burst = points("burst", 450, BURST);
            RuleBook book = book(burst, points("cross", 150, CROSS_BORDER));
            Evaluation e = book.evaluate(values().countShort(5).build(), SETTINGS);
            assertThat(e.reasons()).hasSize(1);
            assertThat(e.reasons()[0]).isSameAs(burst.reason());
        }
    }

    @Test
    void storedRulesRestoreTheSameBook() throws RuleRejectedException {
        RuleBook book = book(points("burst", 450, BURST), parse(pointsRule("s", 4, "SHADOW", CROSS_BORDER, 1)),
                parse(pointsRule("off", 2, "DISABLED", LARGE, 1)));
        List<FraudRule> restored = new ArrayList<>();
        for (StoredRule stored : book.toStoredRules()) {
            restored.add(RuleFixtures.PARSER.parse(stored));
        }
        RuleBook again = RuleBook.of(restored);
        assertThat(again.rulesVersion()).isEqualTo(book.rulesVersion());
        assertThat(again.rules()).isEqualTo(book.rules());
        assertThat(book.toStoredRules()).extracting(StoredRule::id).containsExactly("burst", "off", "s");
    }

    @Test
    void ofRejectsDuplicateIds() {
        assertThatThrownBy(() -> RuleBook.of(List.of(points("a", 1, BURST), points("a", 2, BURST))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two rules with the id a");
    }
}
