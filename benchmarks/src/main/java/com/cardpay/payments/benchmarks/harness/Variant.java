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
    PIPELINE_ONE_SINK("pipeline-one-sink");

    final String label;

    Variant(String label) {
        this.label = label;
    }

    /** The payments job, in either sink layout. */
    boolean isPipeline() {
        return this != PASSTHROUGH;
    }
}
