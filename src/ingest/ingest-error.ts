// The one error type of the ingest area (reading a file into the analytics store). Codes are strings
// so the CLI and the API map them to exit codes and HTTP statuses in one place (src/cli/cli-error.ts).
// Every one of them is raised before the store is touched, or after its transaction rolled back, so
// an IngestError always means "nothing was written".
export type IngestErrorCode =
  | 'empty-file' // 0 bytes, or a header without data rows
  | 'binary-file' // not text (NUL bytes, a zip/xlsx, a Parquet file that is not one …)
  | 'bad-encoding' // neither UTF-8 nor GBK/GB18030, or UTF-16
  | 'missing-columns' // the header lacks a column the import needs (customer, date, amount …)
  | 'bad-mapping' // a mapping flag or mapping file names a column that is not there, or is malformed
  | 'unsupported-kind' // --kind other than the ones implemented
  | 'strict-rejects' // --strict and at least one row was rejected
  | 'all-rejected' // not one row could be read: almost surely the wrong file or layout
  | 'store-busy' // another process holds the data folder's DuckDB file
  | 'unreadable-input' // missing file, unreadable gzip, or DuckDB cannot read it
  | 'unwritable-output'; // the data folder or the reject file cannot be written

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.code = code;
  }
}
