// The one error type of the survival and cohort area. Its codes are ones src/cli/cli-error.ts
// already maps to exit codes (65 bad data, 64 bad option), so the CLI needs no new entries.
export type SurvivalErrorCode =
  | 'invalid-input' // times, events, weights or groups that cannot make a curve
  | 'invalid-option' // a confidence level, lapse length or month count out of range
  | 'missing-column' // a grouping column not in the file
  | 'no-transactions'; // nothing to analyse (no purchase on or before the end date)

export class SurvivalError extends Error {
  readonly code: SurvivalErrorCode;
  constructor(code: SurvivalErrorCode, message: string) {
    super(message);
    this.name = 'SurvivalError';
    this.code = code;
  }
}
