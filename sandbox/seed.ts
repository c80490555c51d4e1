/**
 * Bulk seed: many contracts over plausible clients, for demos and the benchmark. Rows are built
 * in memory and written with multi-row INSERT ... SELECT FROM unnest(...) in batches; no
 * callbacks, no steps. Contracts in 130/240/320/410 share one specimen proposal and policy PDF.
 */
import { CONTRACT_STATUS as S } from "../lib/finum";
import { inTransaction, type Db, type Tx } from "./db/pool";
import { PRODUCTS, type ProductDefinition } from "./catalogue/products";
import { underwrite } from "./catalogue/underwriting";
import { newId } from "./ids";
import type { Dialect } from "./dialects/table";
import { renderPolicyPdf, renderProposalPdf } from "./pdf/contract-documents";
import { insertFile } from "./store/files";

const FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannah", "Ivan", "Jana", "Karl", "Lena", "Milan", "Nora", "Oskar", "Paula", "Rafael", "Sofia", "Tom", "Ute", "Valentin", "Wiebke", "Yusuf", "Zoe"];
const LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Yilmaz", "Nowak", "Krüger", "Hartmann"];
const CITIES: [string, string][] = [["10115", "Berlin"], ["20095", "Hamburg"], ["80331", "München"], ["50667", "Köln"], ["60311", "Frankfurt am Main"], ["70173", "Stuttgart"], ["04109", "Leipzig"]];
const COMPANIES = ["Bäckerei", "Tischlerei", "Praxis", "Studio", "Handel", "Consulting"];

const STATUS_SHARES: [number, number][] = [
  [S.ACTIVE, 0.5],
  [S.TERMINATED, 0.12],
  [S.PROPOSAL_AVAILABLE, 0.1],
  [S.WITHDRAWN, 0.08],
  [S.WAIT_FOR_CLIENT_DATA, 0.06],
  [S.UNDER_REVIEW, 0.06],
  [S.DECLINED, 0.05],
  [S.CREATE_PROPOSAL, 0.03],
];

/** A small deterministic PRNG (mulberry32), so a seed is reproducible for a given count. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedResult {
  consumerId: string;
  clients: number;
  contracts: number;
  ms: number;
}

const BATCH = 2000;

/**
 * `ids`: the id styles of the consumer's dialect (opaque by default); `clients`: how many holders
 * the contracts are spread over (a quarter of the contracts by default).
 */
export async function seedContracts(db: Db, consumerId: string, count: number, options: { ids?: Dialect["ids"]; clients?: number } = {}): Promise<SeedResult> {
  const started = Date.now();
  const random = prng(count * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const now = Date.now();
  const year = 365 * 24 * 3600 * 1000;

  const clientCount = Math.max(1, options.clients ?? Math.ceil(count / 4));
  const clients: { id: string; record: Record<string, unknown>; updatedAt: Date }[] = [];
  for (let index = 0; index < clientCount; index++) {
    const [postalCode, city] = pick(CITIES);
    const address = { street: `${pick(LAST)}straße ${1 + Math.floor(random() * 120)}`, postalCode, city, country: "DE" };
    const updatedAt = new Date(now - random() * 2 * year);
    if (index % 10 === 9) {
      const name = `${pick(COMPANIES)} ${pick(LAST)} GmbH`;
      clients.push({ id: newId("cl", options.ids?.client), updatedAt, record: { type: "company", companyName: name, email: `info@${name.split(" ")[1]!.toLowerCase()}.example`, address } });
    } else {
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      const birthDate = isoDate(Date.UTC(1942, 0, 1) + random() * 62 * year);
      clients.push({
        id: newId("cl", options.ids?.client),
        updatedAt,
        record: { type: "person", firstName, lastName, birthDate, email: `${firstName}.${lastName}@example.com`.toLowerCase(), address, _hasEverBeenInDebt: random() < 0.04 },
      });
    }
  }

  const specimen = await specimenFiles(db, consumerId);
  for (let start = 0; start < clients.length; start += BATCH) {
    const batch = clients.slice(start, start + BATCH);
    await db.query(
      `insert into clients (id, consumer_id, record, updated_at)
       select id, $1, record, date_trunc('milliseconds', updated_at) from unnest($2::text[], $3::jsonb[], $4::timestamptz[]) as t(id, record, updated_at)`,
      [consumerId, batch.map((c) => c.id), batch.map((c) => JSON.stringify(c.record)), batch.map((c) => c.updatedAt)],
    );
  }
  // Built and written one batch at a time, so memory stays flat however many contracts are asked for.
  for (let first = 0; first < count; first += BATCH) {
    const contracts: SeedContract[] = [];
    for (let index = first; index < Math.min(count, first + BATCH); index++) {
      const holder = clients[Math.floor(random() * clients.length)]!;
      const product = holder.record.type === "company" ? pick(PRODUCTS.filter((p) => !p.personOnly)) : pick(PRODUCTS);
      const status = pickStatus(random());
      const data = sampleData(product, random, isoDate(now - random() * year));
      const record: Record<string, unknown> = { holderId: holder.id, productId: product.id, status, data, callback: null, contractNumber: null, premium: null, statusNote: null };
      if (status === S.WAIT_FOR_CLIENT_DATA) {
        const required = product.fields.filter((field) => field.required);
        const dropped = required[Math.floor(random() * required.length)]!;
        delete data[dropped.name];
        record.statusNote = `Missing client data: ${dropped.name} (${dropped.label})`;
      }
      if ([S.PROPOSAL_AVAILABLE, S.UNDER_REVIEW, S.ACTIVE, S.TERMINATED, S.WITHDRAWN].includes(status as 130)) {
        const decision = underwrite(product, { type: holder.record.type as "person", birthDate: holder.record.birthDate as string | undefined, name: "" }, data);
        record.premium = decision.kind === "accept" ? decision.premium : { amount: 20, currency: "EUR", interval: "monthly" };
        Object.assign(data, { proposalFileId: specimen.proposal, proposalVersion: 1 });
      }
      if (status === S.ACTIVE || status === S.TERMINATED) {
        record.contractNumber = `SBX-SEED-${String(index).padStart(7, "0")}`;
        data.policyFileId = specimen.policy;
      }
      if (status === S.DECLINED) record.statusNote = "Declined by underwriting";
      if (status === S.TERMINATED) record.statusNote = "Terminated by the client at the end of the term";
      contracts.push({ id: newId("ct", options.ids?.contract), holderId: holder.id, productId: product.id, status, record, updatedAt: new Date(now - random() * year) });
    }

    await insertContractBatch(db, consumerId, contracts);
  }
  await db.query("analyze contracts; analyze clients").catch(() => {});
  return { consumerId, clients: clients.length, contracts: count, ms: Date.now() - started };
}

type SeedContract = { id: string; holderId: string; productId: string; status: number; record: Record<string, unknown>; updatedAt: Date };

async function insertContractBatch(db: Db, consumerId: string, batch: SeedContract[]): Promise<void> {
  await db.query(
    `insert into contracts (id, consumer_id, holder_id, product_id, status, flow_seq, record, updated_at)
     select id, $1, holder_id, product_id, status, 1, record, date_trunc('milliseconds', updated_at)
     from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::timestamptz[]) as t(id, holder_id, product_id, status, record, updated_at)`,
    [
      consumerId,
      batch.map((c) => c.id),
      batch.map((c) => c.holderId),
      batch.map((c) => c.productId),
      batch.map((c) => c.status),
      batch.map((c) => JSON.stringify(c.record)),
      batch.map((c) => c.updatedAt),
    ],
  );
}

function pickStatus(roll: number): number {
  let acc = 0;
  for (const [status, share] of STATUS_SHARES) {
    acc += share;
    if (roll < acc) return status;
  }
  return S.ACTIVE;
}

function sampleData(product: ProductDefinition, random: () => number, startDate: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of product.fields) {
    switch (field.type) {
      case "number": {
        const min = field.min ?? 0;
        // Mostly insurable values: a few missing teeth, not the maximum of 32.
        const max = field.name === "missingTeeth" ? 4 : (field.max ?? min + 1000);
        data[field.name] = Math.round(min + random() * (max - min));
        break;
      }
      case "boolean":
        data[field.name] = random() < 0.3;
        break;
      case "enum":
        data[field.name] = field.options![Math.floor(random() * field.options!.length)];
        break;
      case "date":
        data[field.name] = startDate;
        break;
      case "string":
        data[field.name] = field.name === "licensePlate" ? `B-SX ${1000 + Math.floor(random() * 8999)}` : field.name === "postalCode" ? "10115" : field.name === "vehicleMake" ? "VW Golf" : "Sandbox";
    }
  }
  return data;
}

async function specimenFiles(db: Db, consumerId: string): Promise<{ proposal: string; policy: string }> {
  const product = PRODUCTS[0]!;
  const input = { contractId: "specimen", product, holderName: "Specimen holder", premium: { amount: 12.5, currency: "EUR", interval: "monthly" }, data: {}, proposalVersion: 1 };
  const [proposalBytes, policyBytes] = await Promise.all([renderProposalPdf(input), renderPolicyPdf({ ...input, contractNumber: "SBX-SPECIMEN" })]);
  return inTransaction(db, async (tx: Tx) => ({
    proposal: await insertFile(tx, { consumerId, contractId: null, kind: "proposal", name: "proposal-specimen.pdf", contentType: "application/pdf", bytes: proposalBytes }),
    policy: await insertFile(tx, { consumerId, contractId: null, kind: "policy", name: "policy-specimen.pdf", contentType: "application/pdf", bytes: policyBytes }),
  }));
}
