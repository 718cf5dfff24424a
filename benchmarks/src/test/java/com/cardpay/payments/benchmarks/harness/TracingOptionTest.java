package com.cardpay.payments.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TracingOptionTest {

    @Test
    void aRatioTracesThatShareOfTheBacklog() {
        HarnessOptions o = HarnessOptions.parse(new String[] {"--quick", "--tracing", "0.01"});

        assertThat(o.tracing).isEqualTo("0.01");
        assertThat(o.jobSettings).containsEntry("tracing.sample-ratio", "0.01");
    }

    @Test
    void offSendsNoTraceparentAndSetsNoTracingKey() {
        HarnessOptions o = HarnessOptions.parse(new String[] {"--tracing=off"});

        assertThat(o.tracing).isEqualTo("off");
        assertThat(o.jobSettings).doesNotContainKey("tracing.sample-ratio");
        assertThat(HarnessOptions.parse(new String[0]).tracing).as("not given: backlog as before").isNull();
    }

    @Test
    void aRatioOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--tracing", "2"}))
                .isInstanceOf(HarnessOptions.UsageException.class).hasMessageContaining("--tracing");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--tracing", "all"}))
                .isInstanceOf(HarnessOptions.UsageException.class).hasMessageContaining("--tracing");
    }
}
