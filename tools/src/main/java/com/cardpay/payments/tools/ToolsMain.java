package com.cardpay.payments.tools;

import com.cardpay.payments.tools.audit.AuditTool;
import com.cardpay.payments.tools.detokenize.DetokenizeTool;
import com.cardpay.payments.tools.reconcile.ReconcileTool;
import com.cardpay.payments.tools.region.RegionStartTool;
import com.cardpay.payments.tools.savepoint.InspectStateTool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tools jar's entry point: {@code java -jar payments-tools.jar <tool> [arguments]}. Each tool
 * keeps its own {@code main} too, so {@code java -cp payments-tools.jar <class>} works as well.
 */
public final class ToolsMain {

    /** A tool: its arguments in, an exit code out (0 done, 1 failed or found a problem, 2 bad arguments). */
    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("reconcile", ReconcileTool::run);
        TOOLS.put("detokenize", DetokenizeTool::run);
        TOOLS.put("audit", AuditTool::run);
        TOOLS.put("inspect-state", InspectStateTool::run);
        TOOLS.put("region-start", RegionStartTool::run);
    }

    private ToolsMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !TOOLS.containsKey(args[0])) {
            err.println((args.length == 0 ? "no tool named" : "unknown tool '" + args[0] + "'")
                    + "; usage: java -jar payments-tools.jar <" + String.join("|", TOOLS.keySet()) + "> [arguments]");
            return 2;
        }
        return TOOLS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
}
