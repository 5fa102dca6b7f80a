// The two kinds of error. A UserError is the learner's to fix and is shown in plain words;
// anything else is a fault: the error boundary logs it and answers with a short apology.
import type { Bilingual } from "./i18n";

export class UserError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly code = "user_error",
  ) {
    super(text.en);
    this.name = "UserError";
  }
}

/** Raised by storage when the database cannot be reached; shown as "try again shortly". */
export class UnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "UnavailableError";
  }
}
