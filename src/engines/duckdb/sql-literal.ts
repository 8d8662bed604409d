// Quoting for SQL text we build ourselves. DuckDB follows standard SQL here: identifiers in double
// quotes and string literals in single quotes, each doubling its own quote character to escape it.

/**
 * A safely quoted identifier (column or table name).
 * @example quoteIdent('Customer "ID"') // => '"Customer ""ID"""'
 */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * A safely quoted string literal, e.g. a file path or a date format.
 * @example quoteString("O'Brien.csv") // => "'O''Brien.csv'"
 */
export const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;
