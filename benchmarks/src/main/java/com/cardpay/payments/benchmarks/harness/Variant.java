package com.cardpay.payments.benchmarks.harness;

/** The two jobs the harness compares on identical settings. */
enum Variant {
    /** (a) Kafka source, Jackson parse dropping {@code pan}, exactly-once Kafka sink: the floor. */
    PASSTHROUGH("passthrough"),
    /** (b) The payments job: {@code PaymentsJob.fromConfig} with the local key provider. */
    PIPELINE("pipeline");

    final String label;

    Variant(String label) {
        this.label = label;
    }
}
