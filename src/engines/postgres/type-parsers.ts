// Result parsers shared by both PostgreSQL engines, so a row reads the same from PGlite and from a
// server (the conformance suite checks it). Keyed by type OID (pg_type.oid, stable across versions).
//
// - int8 → number: ids and count(*) are int8; node-postgres would return strings and PGlite bigint
//   or number depending on version. Values beyond 2^53 cannot occur for row ids or counts here, and
//   parseInt8 throws rather than silently rounding if one ever does.
// - date → the 'YYYY-MM-DD' text itself: turning a birthday into a JS Date puts it at local midnight
//   and a later toISOString() can move it to the previous day.
// - numeric stays an exact decimal string on both (node-postgres already does; pinned for PGlite).

/** pg_type OIDs of the types we parse ourselves. */
export const PG_OID = Object.freeze({ int8: 20, date: 1082, numeric: 1700 });

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be a JS number`);
  return value;
}

const identity = (text: string): string => text;

/** OID → parser for the text form of a value; every other type keeps its engine's default. */
export const sharedTypeParsers: Readonly<Record<number, (text: string) => unknown>> = Object.freeze({
  [PG_OID.int8]: parseInt8,
  [PG_OID.date]: identity,
  [PG_OID.numeric]: identity,
});
