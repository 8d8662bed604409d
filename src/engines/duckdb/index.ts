// The embedded DuckDB engine (see duckdb-engine.ts).
export { DuckDbEngine, type DuckDbOptions, type Row, type RowValue } from './duckdb-engine.ts';
export { readColumns, type Column, type Columns } from './read-columns.ts';
export { appendColumns, type AppendColumn } from './append-columns.ts';
export { quoteIdent, quoteString } from './sql-literal.ts';
