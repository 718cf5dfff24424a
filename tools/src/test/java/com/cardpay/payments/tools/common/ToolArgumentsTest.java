package com.cardpay.payments.tools.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Set;

class ToolArgumentsTest {
    @Test
    void ownFlagsAreTakenOutInBothFormsAndTheRestKeepsItsOrder() {
        ToolArguments a = ToolArguments.split(new String[] {"--config", "job.properties", "--token", "tok_v1_x",
                "--reason=dispute CB-1", "--checkpoint.interval", "1s", "--audit-log"}, Set.of("token", "reason", "audit-log"));

        assertThat(a.own()).containsEntry("token", "tok_v1_x").containsEntry("reason", "dispute CB-1")
                .containsEntry("audit-log", "");
        assertThat(a.get("audit-log")).as("given without a value").isNull();
        assertThat(a.configArgs()).containsExactly("--config", "job.properties", "--checkpoint.interval", "1s");
    }
}
