// The operational store's tables as Kysely sees them. Column names stay snake_case, as in SQL, so a
// query reads the same in code, in psql and in the migrations (no name-mapping plugin to reason about).
//
// Value types are the same on PGlite and PostgreSQL because both engines are given the same parsers
// (src/engines/postgres/type-parsers.ts): bigint ids and counts arrive as numbers, `date` columns as
// 'YYYY-MM-DD' strings (no time zone can shift a birthday), numeric as an exact decimal string.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamptz the database fills in on insert; callers may still set it explicitly. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date ('YYYY-MM-DD'); never converted through a JS Date. */
type CalendarDate = ColumnType<string, string, string>;
/** jsonb: read as parsed JSON, written as JSON text (node-postgres would turn a JS array into a PostgreSQL array). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface CustomersTable {
  id: Generated<number>;
  /** The retailer's member number: the customer's identity in every import. */
  customer_code: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  gender: string | null;
  birthday: CalendarDate | null;
  city: string | null;
  join_date: CalendarDate | null;
  tier: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Where the member signed up (store, app, wechat, …). */
  origin_channel: string | null;
  /** When the retailer's own system last changed the record (from the import), unlike updated_at (our last write). */
  profile_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Where the record came from, e.g. `import:<batch id>` or `manual`. */
  source: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type ImportBatchStatus = 'running' | 'done' | 'failed';

/** Row counts an import reports (read, loaded, rejected, …); free-form so each kind adds its own. */
export type ImportCounts = Record<string, number>;

export interface ImportBatchesTable {
  id: Generated<number>;
  /** SHA-256 of the imported file's bytes: the same file is the same batch. */
  content_hash: string;
  kind: string;
  file_name: string | null;
  status: ImportBatchStatus;
  counts: Json<ImportCounts>;
  /** Why the last attempt failed (null unless status is 'failed'). */
  error: string | null;
  /** How many times this batch was begun: 2+ means an earlier attempt failed or was killed. */
  attempts: ColumnType<number, number | undefined, number>;
  /** The batch's reject file (line, reason, raw), or null when nothing was rejected. */
  reject_file: string | null;
  started_at: CreatedAt;
  finished_at: Date | null;
}

export type UserRole = 'admin' | 'analyst' | 'staff';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  role: UserRole;
  password_hash: string;
  created_at: CreatedAt;
}

export type InteractionKind = 'call' | 'visit' | 'complaint' | 'survey';

export interface InteractionsTable {
  id: Generated<number>;
  customer_id: number | null;
  kind: InteractionKind;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  channel: string | null;
  subject: string | null;
  body: string | null;
  /** Survey score or similar; numeric, so it comes back as an exact decimal string. */
  score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  status: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  /** The member number as imported: kept when no customer has it (yet), so the link can be made later. */
  customer_code: string | null;
  /** Survey satisfaction (e.g. 1–5) beside the score; exact decimal string. */
  satisfaction: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The order a complaint or survey is about. */
  order_id: string | null;
  /** Where the record came from, e.g. `import:<batch id>`. */
  source: string | null;
}

export interface Database {
  customers: CustomersTable;
  import_batches: ImportBatchesTable;
  users: UsersTable;
  interactions: InteractionsTable;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type ImportBatch = Selectable<ImportBatchesTable>;
export type User = Selectable<UsersTable>;
export type Interaction = Selectable<InteractionsTable>;
