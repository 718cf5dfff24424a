package com.cardpay.payments.tools.savepoint;

import com.cardpay.payments.functions.validation.CardNumberDetector;

import java.io.PrintStream;
import java.util.List;

/**
 * Everything the inspector prints goes through here, all at once: the job's card-number detector
 * reads the whole output first, and if it finds a card number anywhere (also split across lines),
 * nothing is printed. State holds no card data by design (the PAN exists only in the source, up to
 * tokenization); this proves it for every byte shown, and fails loudly if that ever stops being
 * true. The output is held in memory until then: a dump is of one operator, for debugging.
 */
final class CardDataGate {
    private CardDataGate() {}

    /** @return 0 if printed; 1 if refused (nothing on {@code out}; the reason, never the digits, on {@code err}) */
    static int print(List<String> lines, PrintStream out, PrintStream err) {
        if (CardNumberDetector.containsCardNumber(String.join("\n", lines))) {
            int line = 0;
            while (line < lines.size() && !CardNumberDetector.containsCardNumber(lines.get(line))) {
                line++;
            }
            err.println("REFUSED: " + (line < lines.size() ? "line " + (line + 1) : "a run across line breaks")
                    + " of the " + lines.size() + "-line output holds what the card-number detector reads as a card number"
                    + " (12 to 19 digits passing the Luhn check); nothing is printed. State must never hold card data:"
                    + " treat this as a PCI incident and find what wrote it, with the dump's operator and state.");
            return 1;
        }
        lines.forEach(out::println);
        out.flush();
        return 0;
    }

    /** An error message, card numbers masked (an exception may quote what it failed to read). */
    static String masked(String message) {
        return message == null ? "" : CardNumberDetector.mask(message);
    }
}
