package com.cardpay.payments.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every kustomization under flink-k8s/, rendered once per test run. */
final class Renders {
    private static Map<String, List<Manifests.Doc>> all;

    private Renders() {}

    /** Folder (relative to flink-k8s/) to its rendered documents. */
    static synchronized Map<String, List<Manifests.Doc>> all() {
        if (all == null) {
            Map<String, List<Manifests.Doc>> map = new LinkedHashMap<>();
            for (Path dir : Manifests.kustomizationDirs()) {
                map.put(Manifests.root().relativize(dir).toString(), Kustomize.render(dir));
            }
            all = map;
        }
        return all;
    }

    static List<Manifests.Doc> of(String dir) {
        List<Manifests.Doc> docs = all().get(dir);
        if (docs == null) {
            throw new IllegalStateException("no kustomization " + dir + " (have " + all().keySet() + ")");
        }
        return docs;
    }

    static List<Manifests.Doc> copyOf(String dir) {
        return of(dir).stream().map(Manifests.Doc::copy).toList();
    }
}
