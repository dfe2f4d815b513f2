/**
 * The ApiWaiter outputs that carry an answer: what `secret: true` marks secret, and what an answer
 * holding a secret field makes secret. A module of its own, with no imports: the resource class
 * needs the names, not the scanning in answerSecrets.ts.
 */
export const ANSWER_OUTPUTS = ["answer", "matchedValue"] as const;
