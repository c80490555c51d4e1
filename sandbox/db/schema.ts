/**
 * The sandbox's own tables, created idempotently at every start. Records are stored as jsonb
 * (everything but id and updatedAt, which come from indexed columns) so `_` extension fields
 * survive untouched; the columns carry what the API filters and sorts on.
 */
import type { Db } from "./pool";

// Any constant; keeps two sandboxes starting on one database from racing on CREATE.
const SCHEMA_LOCK = 7_420_110_230;

const STATEMENTS = [
  // RFC 3339 UTC with milliseconds; `updated_at` is truncated to ms on write so `since` round-trips exactly.
  `create or replace function finum_ts(t timestamptz) returns text language sql immutable as
     $$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`,
  `create table if not exists consumers (
     consumer_id text primary key,
     public_keys jsonb not null,
     webhook_secret text,
     faults jsonb not null default '{}',
     source text not null default 'admin',
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now())`,
  // Provider dialect of a consumer (sandbox/dialects/table.ts; null: SANDBOX_DIALECT); added after the first release.
  `alter table consumers add column if not exists dialect text`,
  `create table if not exists products (
     id text primary key,
     record jsonb not null,
     updated_at timestamptz not null)`,
  `create index if not exists products_updated on products (updated_at)`,
  `create table if not exists clients (
     id text primary key,
     consumer_id text not null,
     record jsonb not null,
     updated_at timestamptz not null)`,
  `create index if not exists clients_consumer_updated on clients (consumer_id, updated_at)`,
  `create table if not exists users (
     id text primary key,
     consumer_id text not null,
     record jsonb not null,
     updated_at timestamptz not null)`,
  `create index if not exists users_consumer_updated on users (consumer_id, updated_at)`,
  `create table if not exists contracts (
     id text primary key,
     consumer_id text not null,
     holder_id text not null,
     product_id text not null,
     status integer not null,
     flow_seq integer not null default 0,
     record jsonb not null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null)`,
  `create index if not exists contracts_consumer_updated on contracts (consumer_id, updated_at)`,
  `create index if not exists contracts_consumer_holder on contracts (consumer_id, holder_id)`,
  `create table if not exists files (
     id text primary key,
     consumer_id text not null,
     contract_id text,
     record jsonb not null,
     content bytea not null,
     updated_at timestamptz not null)`,
  `create index if not exists files_consumer_updated on files (consumer_id, updated_at)`,
  `create table if not exists contract_events (
     id bigserial primary key,
     contract_id text not null,
     from_status integer,
     to_status integer not null,
     actor text not null,
     note text,
     at timestamptz not null default clock_timestamp())`,
  `create index if not exists contract_events_contract on contract_events (contract_id, id)`,
  // Delayed provider steps (proposal, activation). Due times live here so they survive a restart.
  `create table if not exists scheduled_steps (
     id bigserial primary key,
     contract_id text not null,
     kind text not null,
     flow_seq integer not null,
     due_at timestamptz not null,
     done_at timestamptz,
     outcome text)`,
  `create index if not exists scheduled_steps_due on scheduled_steps (due_at) where done_at is null`,
  `create table if not exists callback_deliveries (
     id bigserial primary key,
     webhook_id text not null,
     consumer_id text not null,
     contract_id text not null,
     url text not null,
     body text not null,
     status text not null,
     attempts integer not null default 0,
     next_attempt_at timestamptz,
     fault text,
     last_error text,
     created_at timestamptz not null default clock_timestamp(),
     finished_at timestamptz)`,
  `create index if not exists callback_deliveries_due on callback_deliveries (next_attempt_at) where status = 'pending'`,
  `create index if not exists callback_deliveries_contract on callback_deliveries (contract_id, id)`,
  `create index if not exists callback_deliveries_consumer on callback_deliveries (consumer_id, id)`,
  `create table if not exists callback_attempts (
     id bigserial primary key,
     delivery_id bigint not null references callback_deliveries(id) on delete cascade,
     attempt integer not null,
     started_at timestamptz not null,
     duration_ms integer not null,
     response_status integer,
     error text)`,
  `create index if not exists callback_attempts_delivery on callback_attempts (delivery_id, id)`,
  `create table if not exists idempotency_keys (
     consumer_id text not null,
     key text not null,
     request_hash text not null,
     status_code integer not null,
     response jsonb not null,
     created_at timestamptz not null default now(),
     primary key (consumer_id, key))`,
];

export async function ensureSchema(db: Db): Promise<void> {
  const client = await db.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SCHEMA_LOCK]);
    for (const statement of STATEMENTS) await client.query(statement);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [SCHEMA_LOCK]).catch(() => {});
    client.release();
  }
}
