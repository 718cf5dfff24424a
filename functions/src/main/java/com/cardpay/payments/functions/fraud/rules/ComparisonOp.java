package com.cardpay.payments.functions.fraud.rules;

/** The comparison operators of the rule language. */
public enum ComparisonOp {
    EQ("=="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    ComparisonOp(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in a rule. */
    public String symbol() {
        return symbol;
    }

    /** Whether the operator orders values, and so applies to NUMBER features only. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** The operator written as {@code symbol}, or null. */
    public static ComparisonOp bySymbol(String symbol) {
        for (ComparisonOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    boolean test(long a, long b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
        };
    }

    /** IEEE semantics: NaN is unequal to everything, so only {@code !=} holds for it. */
    boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
        };
    }
}
