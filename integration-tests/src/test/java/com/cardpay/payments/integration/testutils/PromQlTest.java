package com.cardpay.payments.integration.testutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.integration.testutils.PromQl.Selector;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class PromQlTest {
    private static List<String> names(String expr) {
        return PromQl.selectors(expr).stream().map(Selector::name).toList();
    }

    @Test
    void findsSelectorsButNotFunctionsKeywordsLabelListsOrDurations() {
        assertThat(names("sum by (error_code) (rate(a_total{error_code!=\"X\"}[5m])) / on (job) group_left(pod) "
                + "sum without (le, pod) (b) > bool 0.8 * 1e3 unless c offset 1h and histogram_quantile(0.99, d_bucket)"))
                .containsExactly("a_total", "b", "c", "d_bucket");
        assertThat(names("max(x) by (job) - min_over_time(y[10m:1m]) + absent(z{job=\"p\"}) or vector(0) + time()"))
                .containsExactly("x", "y", "z");
        assertThat(names("deriv(sum(flink_a)[15m:1m]) > 0 and Inf > NaN")).containsExactly("flink_a");
        assertThat(names("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")")).containsExactly("up");
    }

    @Test
    void readsMatchersAndMatchesSeries() {
        Selector s = PromQl.selectors("rate(m{decision=\"DECLINE\", mode=~\"act.*\", x!~\"a|b\"}[5m])").get(0);
        assertThat(s.name()).isEqualTo("m");
        assertThat(s.matches("m", Map.of("decision", "DECLINE", "mode", "active"))).isTrue();
        assertThat(s.matches("m", Map.of("decision", "APPROVE", "mode", "active"))).isFalse();
        assertThat(s.matches("m", Map.of("decision", "DECLINE", "mode", "shadow"))).isFalse();
        assertThat(s.matches("m", Map.of("decision", "DECLINE", "mode", "active", "x", "a"))).isFalse();
        assertThat(s.matches("other", Map.of("decision", "DECLINE", "mode", "active"))).isFalse();
        Selector byName = PromQl.selectors("{__name__=~\".*_payments_dlq_records\"}").get(0);
        assertThat(byName.name()).isNull();
        assertThat(byName.matches("flink_x_payments_dlq_records", Map.of())).isTrue();
        assertThat(byName.matches("flink_x_payments_dlq", Map.of())).isFalse();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> PromQl.selectors("rate(x[5m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("x{a=\"b\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("x{a}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("{a=\"b\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("x @ 5")).isInstanceOf(IllegalArgumentException.class);
    }
}
