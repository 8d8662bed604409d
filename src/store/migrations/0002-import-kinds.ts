// Columns the customer and interaction imports carry that 0001 did not have (issue 4):
// - customers.origin_channel (where the member signed up: store, app, wechat …) and
//   customers.profile_updated_at (when the retailer's own system last changed the record; our
//   updated_at says when *we* last changed it, which an import does every time: the stale-records
//   check needs the former);
// - interactions.customer_code (the member number as the file gave it, so an interaction that
//   arrives before its customer can be linked later), satisfaction (survey 1–5 beside the 0–10
//   score), resolved_at, order_id (the order a complaint is about) and source (`import:<batch>`);
// - import_batches.reject_file (the batch's reject file, for `cvm serve` to hand out).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const importKinds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('customers').addColumn('origin_channel', 'text').execute();
    await db.schema.alterTable('customers').addColumn('profile_updated_at', 'timestamptz').execute();
    for (const [name, type] of [['customer_code', 'text'], ['satisfaction', 'numeric'], ['resolved_at', 'timestamptz'], ['order_id', 'text'], ['source', 'text']] as const) {
      await db.schema.alterTable('interactions').addColumn(name, type).execute();
    }
    await db.schema.createIndex('interactions_customer_code').on('interactions').column('customer_code').execute();
    await db.schema.alterTable('import_batches').addColumn('reject_file', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('import_batches').dropColumn('reject_file').execute();
    await db.schema.dropIndex('interactions_customer_code').ifExists().execute();
    for (const name of ['source', 'order_id', 'resolved_at', 'satisfaction', 'customer_code']) {
      await db.schema.alterTable('interactions').dropColumn(name).execute();
    }
    await db.schema.alterTable('customers').dropColumn('profile_updated_at').execute();
    await db.schema.alterTable('customers').dropColumn('origin_channel').execute();
  },
};
