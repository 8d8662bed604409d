// The one error type of the summary area (loading transactions, building the customer summary).
// Codes are strings so the CLI and the API map them to exit codes and HTTP statuses in one place
// (src/cli/cli-error.ts) without parsing messages.
export type SummaryErrorCode =
  | 'missing-column' // a mapped column is not in the file
  | 'bad-date' // a date that cannot be parsed
  | 'bad-amount' // an amount that is not a number
  | 'bad-customer' // an empty customer id
  | 'no-transactions' // nothing left to summarise (empty file, or all after the end date)
  | 'invalid-option' // an option value that makes no sense (unit, dates, format)
  | 'unreadable-input' // the file is missing or cannot be parsed as CSV/Parquet
  | 'unwritable-output'; // the summary file cannot be written

export class SummaryError extends Error {
  readonly code: SummaryErrorCode;
  constructor(code: SummaryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SummaryError';
    this.code = code;
  }
}
