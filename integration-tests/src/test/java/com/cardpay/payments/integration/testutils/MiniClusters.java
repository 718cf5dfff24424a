package com.cardpay.payments.integration.testutils;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the ITCases run on: one TaskManager with 4 slots, for parallelism 2 jobs. */
public final class MiniClusters {
    private MiniClusters() {}

    public static MiniClusterExtension forParallelismTwo() {
        return forParallelismTwo(new Configuration());
    }

    public static MiniClusterExtension forParallelismTwo(Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    }
}
