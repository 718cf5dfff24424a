package com.cardpay.payments.benchmarks.harness;

/** The jobs the harness compares on identical settings. */
enum Variant {
    /** (a) Kafka source, Jackson parse dropping {@code pan}, exactly-once Kafka sink: the floor. */
    PASSTHROUGH("passthrough"),
    /** (b) The payments job: {@code PaymentsJob.fromConfig} with the local key provider. */
    PIPELINE("pipeline"),
    /**
     * (c) The payments job with every output through one exactly-once sink (a union before it):
     * {@code PaymentsJob.withOneKafkaSinkForAllOutputs}, the layout measured against (b).
     */
    PIPELINE_ONE_SINK("pipeline-one-sink"),
    /**
     * (d) The passthrough writing as many records per payment as the pipeline's main outputs: two
     * copies through one exactly-once sink (like tokenized + vault) and one through a second (like
     * scored), with no keyBy and no state. What output volume alone costs on this platform.
     */
    PASSTHROUGH_THREE_RECORDS("passthrough-3-records");

    final String label;

    Variant(String label) {
        this.label = label;
    }

    /** The payments job, in either sink layout. */
    boolean isPipeline() {
        return this == PIPELINE || this == PIPELINE_ONE_SINK;
    }
}
