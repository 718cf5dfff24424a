package com.cardpay.payments.tools.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one command-line parser of the tools and the local runner: a program's own flags
 * ({@code --name value} or {@code --name=value}) are taken out, and everything else is left, in
 * order, for {@link PaymentsConfigLoader} ({@code --config FILE}, {@code --key value}).
 *
 * @param own the program's own flags; a flag given without a value maps to the empty string
 * @param configArgs the rest, for the configuration
 */
public record ToolArguments(Map<String, String> own, String[] configArgs) {

    public static ToolArguments split(String[] args, Set<String> ownFlags) {
        Map<String, String> own = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
            if (!ownFlags.contains(name)) {
                rest.add(arg);
            } else if (arg.contains("=")) {
                own.put(name, arg.split("=", 2)[1]);
            } else {
                own.put(name, i + 1 < args.length ? args[++i] : "");
            }
        }
        return new ToolArguments(own, rest.toArray(new String[0]));
    }

    /** The flag's value, or null when absent or blank. */
    public String get(String flag) {
        String value = own.get(flag);
        return value == null || value.isBlank() ? null : value;
    }
}
