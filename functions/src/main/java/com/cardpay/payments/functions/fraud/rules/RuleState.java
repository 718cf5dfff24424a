package com.cardpay.payments.functions.fraud.rules;

/** What a rule does when its condition matches. */
public enum RuleState {
    /** Adds its points (or forces its decision) and is listed in the payment's reasons. */
    ACTIVE,
    /** Is evaluated and reported as a shadow hit, but changes neither score nor decision. */
    SHADOW,
    /** Is not evaluated. The rule's version stays remembered, so an older version cannot return. */
    DISABLED
}
