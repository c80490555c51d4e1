/**
 * The tolerant reader: how the portal reads what any FiNUM provider sends (FINUM.md, "Providers
 * differ"). The strict schemas in ./records.ts describe what we send and what our sandbox's
 * standard dialect emits; providers written by other teams differ in every [ours] detail, so here
 * the fields the workflow needs are read leniently, everything is kept raw, a surprising shape is
 * normalised where its meaning is plain and reported as a warning otherwise, and a record is
 * skipped (with a reason) only when it cannot be used at all: no id, no status. One bad record
 * never stops the others of the same answer.
 *
 * Warnings and skip reasons are catalogue messages (sync.read.*), not English sentences: they are
 * stored (lib/sync/read-warnings.ts) and shown to administrators in their own language.
 */
import { msg, type Msg } from "../i18n/message";
import type { RecordType } from "./common";
import type { ProductField } from "./records";

export interface ReadWarning {
  recordType: RecordType;
  /** The record's id, when it has one. */
  id: string | null;
  /** Dotted path of the field, e.g. `premium` or `fields.3.type`. */
  field: string;
  /** What was surprising and what the reader did about it (sync.read.warn.*). */
  message: Msg;
}

export interface ReadSkip {
  recordType: RecordType;
  id: string | null;
  /** Why the record could not be used (sync.read.skip.*). */
  reason: Msg;
}

export interface ReadOutcome<T> {
  records: T[];
  warnings: ReadWarning[];
  skipped: ReadSkip[];
}

export interface Premium {
  /** Decimal with two places, as a string: money never goes through a float we round later. */
  amount: string;
  currency: string | null;
  interval: string | null;
}

export interface ContractRead {
  id: string;
  updatedAt: Date;
  status: number;
  statusNote: string | null;
  holderId: string | null;
  productId: string | null;
  data: Record<string, unknown>;
  contractNumber: string | null;
  premium: Premium | null;
  proposalFileId: string | null;
  proposalVersion: number | null;
  policyFileId: string | null;
  /** Every file id the record names (proposal, policy, others), without duplicates. */
  fileIds: string[];
  raw: Record<string, unknown>;
}

export interface ClientRead {
  id: string;
  updatedAt: Date;
  kind: "PERSON" | "COMPANY";
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  raw: Record<string, unknown>;
}

export interface ProductRead {
  id: string;
  updatedAt: Date;
  name: string;
  line: string;
  description: string | null;
  currency: string | null;
  fields: ProductField[];
  raw: Record<string, unknown>;
}

export interface UserRead {
  id: string;
  updatedAt: Date;
  name: string | null;
  email: string | null;
  role: string | null;
  raw: Record<string, unknown>;
}

export interface FileRead {
  id: string;
  updatedAt: Date;
  name: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  contractId: string | null;
  kind: string | null;
  raw: Record<string, unknown>;
}

export interface RecordReads {
  contract: ContractRead;
  client: ClientRead;
  product: ProductRead;
  user: UserRead;
  file: FileRead;
}

export type ReadOf<T extends RecordType> = RecordReads[T];

/** Collects warnings for one record; `skip` ends the record. */
class RecordReader {
  readonly warnings: ReadWarning[] = [];
  id: string | null = null;
  constructor(
    readonly type: RecordType,
    readonly raw: Record<string, unknown>,
  ) {}
  warn(field: string, message: Msg) {
    this.warnings.push({ recordType: this.type, id: this.id, field, message });
  }
}

/** Ends a record that cannot be used; `reason` is what the skip reports. */
class Skip extends Error {
  constructor(readonly reason: Msg) {
    super(reason.key);
  }
}

/** A value the provider sent, inside a message: cut short, so the stored message stays whole (read-warnings keeps 500 characters). */
function quoted(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const absent = (value: unknown) => value === undefined || value === null || value === "";

/** First present value among alternative names (a provider's own spelling of a field). */
function pick(raw: Record<string, unknown>, names: readonly string[]): { name: string; value: unknown } | undefined {
  for (const name of names) if (!absent(raw[name])) return { name, value: raw[name] };
  return undefined;
}

/** Ids are opaque strings. Digits stay digits (leading zeros kept); a JSON number is accepted and noted. */
export function readId(value: unknown, onNumber?: () => void): string | null {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    onNumber?.();
    return String(value);
  }
  return null;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** RFC 3339 with or without fractions or offsets (no offset: UTC, as FINUM says); epoch numbers noted. */
export function readTimestamp(value: unknown): { at: Date; note?: Msg } | null {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (!RFC3339.test(trimmed)) return null;
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
    const normalised = trimmed.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const at = new Date(hasZone ? normalised : `${normalised}Z`);
    return Number.isNaN(at.getTime()) ? null : { at, ...(hasZone ? {} : { note: msg("sync.read.warn.timestampWithoutOffset") }) };
  }
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    // Seconds or milliseconds since 1970: only the magnitude tells them apart.
    const at = new Date(value < 1e11 ? value * 1000 : value);
    return { at, note: msg("sync.read.warn.timestampAsNumber") };
  }
  return null;
}

function readStatus(value: unknown): number | null {
  const number = typeof value === "string" && /^\s*\d{3}\s*$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) && number >= 100 && number <= 999 ? number : null;
}

function readInteger(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

/** A text field: strings as they are, numbers and booleans as text (noted), anything else absent. */
function readText(reader: RecordReader, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") {
    reader.warn(field, typeof value === "number" ? msg("sync.read.warn.numberAsText") : msg("sync.read.warn.booleanAsText"));
    return String(value);
  }
  reader.warn(field, msg("sync.read.warn.unexpectedShape"));
  return null;
}

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

function toMoney(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return value.toFixed(2);
  if (typeof value === "string" && DECIMAL.test(value)) return Number(value.trim()).toFixed(2);
  // "1.234,56" or "1234,56": a decimal comma; only when unambiguous.
  if (typeof value === "string" && /^\s*-?\d{1,3}(\.\d{3})*,\d{1,2}\s*$|^\s*-?\d+,\d{1,2}\s*$/.test(value)) return Number(value.trim().replace(/\./g, "").replace(",", ".")).toFixed(2);
  return null;
}

/** A premium as a number, a numeric string, or an object with an amount (and currency, interval). */
export function readPremium(value: unknown, warn: (message: Msg) => void): Premium | null {
  if (absent(value)) return null;
  const plain = toMoney(value);
  if (plain !== null) {
    if (typeof value !== "number") warn(msg("sync.read.warn.premiumAsText"));
    return { amount: plain, currency: null, interval: null };
  }
  if (isObject(value)) {
    const amountField = pick(value, ["amount", "value", "gross", "total"]);
    const amount = amountField ? toMoney(amountField.value) : null;
    if (amount === null) {
      warn(msg("sync.read.warn.premiumWithoutAmount"));
      return null;
    }
    const currency = pick(value, ["currency", "currencyCode", "ccy"]);
    const interval = pick(value, ["interval", "frequency", "paymentFrequency", "period"]);
    return {
      amount,
      currency: typeof currency?.value === "string" ? currency.value.toUpperCase() : null,
      interval: typeof interval?.value === "string" ? interval.value : null,
    };
  }
  warn(msg("sync.read.warn.premiumUnexpectedShape"));
  return null;
}

function readFileIdField(reader: RecordReader, field: string, value: unknown): string | null {
  if (absent(value)) return null;
  const id = readId(value, () => reader.warn(field, msg("sync.read.warn.fileIdAsNumber")));
  if (id === null) reader.warn(field, msg("sync.read.warn.notAnId"));
  return id;
}

export function readContract(input: unknown): { record: ContractRead; warnings: ReadWarning[] } {
  const raw = asRecord(input, "contract");
  const reader = new RecordReader("contract", raw);
  const id = requireId(reader);
  const updatedAt = requireTimestamp(reader);
  const status = readStatus(raw.status);
  if (status === null) throw new Skip(absent(raw.status) ? msg("sync.read.skip.noStatus") : msg("sync.read.skip.notAStatusCode", { value: quoted(JSON.stringify(raw.status)) }));
  if (typeof raw.status === "string") reader.warn("status", msg("sync.read.warn.textAsNumber"));

  let data: Record<string, unknown> = {};
  if (isObject(raw.data)) data = raw.data;
  else if (!absent(raw.data)) reader.warn("data", msg("sync.read.warn.notAnObject"));

  // Where the proposal's file and version sit differs between providers: top level or in data.
  const fromEither = (names: string[]) => pick(raw, names) ?? pick(data, names);
  const proposalFile = fromEither(["proposalFileId", "proposalFile", "proposalDocumentId"]);
  const proposalFileId = proposalFile ? readFileIdField(reader, proposalFile.name, isObject(proposalFile.value) ? proposalFile.value.id : proposalFile.value) : null;
  const versionField = fromEither(["proposalVersion", "proposalRevision", "version"]);
  let proposalVersion = versionField ? readInteger(versionField.value) : null;
  if (versionField && proposalVersion === null) reader.warn(versionField.name, msg("sync.read.warn.notAWholeNumber"));
  if (proposalVersion !== null && proposalVersion < 0) proposalVersion = null;
  const policyFile = fromEither(["policyFileId", "policyFile", "policyDocumentId"]);
  const policyFileId = policyFile ? readFileIdField(reader, policyFile.name, isObject(policyFile.value) ? policyFile.value.id : policyFile.value) : null;

  const otherFiles = Array.isArray(raw.fileIds) ? raw.fileIds : Array.isArray(raw.files) ? raw.files : [];
  const fileIds = new Set<string>([proposalFileId, policyFileId].filter((x): x is string => x !== null));
  for (const entry of otherFiles) {
    const fileId = readId(isObject(entry) ? entry.id : entry);
    if (fileId) fileIds.add(fileId);
  }

  const premium = readPremium(raw.premium, (message) => reader.warn("premium", message));
  const holder = pick(raw, ["holderId", "clientId", "holder"]);
  const product = pick(raw, ["productId", "product"]);
  const holderId = holder ? readId(isObject(holder.value) ? holder.value.id : holder.value, () => reader.warn(holder.name, msg("sync.read.warn.idAsNumber"))) : null;
  const productId = product ? readId(isObject(product.value) ? product.value.id : product.value, () => reader.warn(product.name, msg("sync.read.warn.idAsNumber"))) : null;
  if (!holderId) reader.warn("holderId", msg("sync.read.warn.missing"));
  if (!productId) reader.warn("productId", msg("sync.read.warn.missing"));

  return {
    record: {
      id,
      updatedAt,
      status,
      statusNote: readText(reader, "statusNote", raw.statusNote),
      holderId,
      productId,
      data,
      contractNumber: readText(reader, "contractNumber", pick(raw, ["contractNumber", "policyNumber"])?.value),
      premium,
      proposalFileId,
      proposalVersion,
      policyFileId,
      fileIds: [...fileIds],
      raw,
    },
    warnings: reader.warnings,
  };
}

export function readClient(input: unknown): { record: ClientRead; warnings: ReadWarning[] } {
  const raw = asRecord(input, "client");
  const reader = new RecordReader("client", raw);
  const id = requireId(reader);
  const updatedAt = requireTimestamp(reader);
  const text = (names: string[], source: Record<string, unknown> = raw) => {
    const found = pick(source, names);
    return found ? readText(reader, found.name, found.value) : null;
  };
  const address = isObject(raw.address) ? raw.address : raw;
  if (!absent(raw.address) && !isObject(raw.address)) reader.warn("address", msg("sync.read.warn.notAnObject"));
  const kindValue = String(pick(raw, ["type", "kind", "clientType"])?.value ?? "").toLowerCase();
  const companyName = text(["companyName", "company", "organisationName", "organizationName"]);
  const kind = kindValue === "company" || kindValue === "organisation" || kindValue === "organization" || (kindValue === "" && companyName && !raw.lastName) ? "COMPANY" : "PERSON";
  const birth = pick(raw, ["birthDate", "dateOfBirth", "birthday"]);
  let birthDate: string | null = null;
  if (birth) {
    const value = String(birth.value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) birthDate = value;
    else {
      const parsed = readTimestamp(birth.value);
      if (parsed) birthDate = parsed.at.toISOString().slice(0, 10);
      else reader.warn(birth.name, msg("sync.read.warn.notADate"));
    }
  }
  return {
    record: {
      id,
      updatedAt,
      kind,
      firstName: text(["firstName", "givenName", "forename"]),
      lastName: text(["lastName", "familyName", "surname"]),
      companyName,
      birthDate,
      email: text(["email", "emailAddress", "mail"]),
      phone: text(["phone", "phoneNumber", "telephone", "mobile"]),
      street: text(["street", "streetAddress", "addressLine1"], address),
      postalCode: text(["postalCode", "zip", "zipCode", "postcode", "plz"], address),
      city: text(["city", "town", "locality"], address),
      country: text(["country", "countryCode"], address),
      raw,
    },
    warnings: reader.warnings,
  };
}

const TYPE_NAMES: Record<string, ProductField["type"]> = {
  string: "string",
  text: "string",
  str: "string",
  textarea: "string",
  email: "string",
  number: "number",
  integer: "number",
  int: "number",
  decimal: "number",
  float: "number",
  double: "number",
  money: "number",
  amount: "number",
  currency: "number",
  date: "date",
  boolean: "boolean",
  bool: "boolean",
  checkbox: "boolean",
  yesno: "boolean",
  enum: "enum",
  select: "enum",
  choice: "enum",
  list: "enum",
  option: "enum",
};

function readProductField(reader: RecordReader, index: number, value: unknown, requiredNames: ReadonlySet<string>): ProductField | null {
  const at = `fields.${index}`;
  if (!isObject(value)) {
    reader.warn(at, msg("sync.read.warn.notAFieldDescription"));
    return null;
  }
  const name = typeof value.name === "string" && value.name ? value.name : typeof value.key === "string" && value.key ? value.key : typeof value.id === "string" ? value.id : null;
  if (!name) {
    reader.warn(at, msg("sync.read.warn.fieldWithoutName"));
    return null;
  }
  const rawType = String(value.type ?? value.dataType ?? "string").toLowerCase();
  let type = TYPE_NAMES[rawType];
  const optionsSource = Array.isArray(value.options) ? value.options : Array.isArray(value.values) ? value.values : Array.isArray(value.choices) ? value.choices : undefined;
  const options = optionsSource
    ?.map((option) => (typeof option === "string" || typeof option === "number" ? String(option) : isObject(option) ? String(option.value ?? option.id ?? option.label ?? "") : ""))
    .filter((option) => option.length > 0);
  if (!type) {
    type = options && options.length > 0 ? "enum" : "string";
    reader.warn(`${at}.type`, msg("sync.read.warn.unknownFieldType", { type: quoted(rawType), shownAs: type === "enum" ? "choice" : "text" }));
  }
  if (type === "enum" && (!options || options.length === 0)) {
    reader.warn(`${at}.options`, msg("sync.read.warn.choiceWithoutOptions"));
    type = "string";
  }
  const required = value.required === true || value.required === "true" || value.mandatory === true || value.optional === false || requiredNames.has(name);
  const label = typeof value.label === "string" && value.label ? value.label : typeof value.title === "string" && value.title ? value.title : name;
  const field: ProductField = { name, label, type, required };
  if (type === "enum") field.options = options;
  const min = typeof value.min === "number" ? value.min : typeof value.minimum === "number" ? value.minimum : undefined;
  const max = typeof value.max === "number" ? value.max : typeof value.maximum === "number" ? value.maximum : undefined;
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  const description = typeof value.description === "string" ? value.description : typeof value.help === "string" ? value.help : undefined;
  if (description) field.description = description;
  return field;
}

export function readProduct(input: unknown): { record: ProductRead; warnings: ReadWarning[] } {
  const raw = asRecord(input, "product");
  const reader = new RecordReader("product", raw);
  const id = requireId(reader);
  const updatedAt = requireTimestamp(reader);
  const requiredList = pick(raw, ["requiredFields", "required", "mandatoryFields"])?.value;
  const requiredNames = new Set(Array.isArray(requiredList) ? requiredList.filter((x): x is string => typeof x === "string") : []);
  const fieldsValue = pick(raw, ["fields", "dataFields", "attributes"])?.value;
  if (fieldsValue !== undefined && !Array.isArray(fieldsValue)) reader.warn("fields", msg("sync.read.warn.fieldsNotAList"));
  const fields = (Array.isArray(fieldsValue) ? fieldsValue : []).map((field, index) => readProductField(reader, index, field, requiredNames)).filter((field): field is ProductField => field !== null);
  const name = readText(reader, "name", pick(raw, ["name", "title", "productName"])?.value) ?? id;
  return {
    record: {
      id,
      updatedAt,
      name,
      line: readText(reader, "line", pick(raw, ["line", "category", "productLine", "sparte"])?.value) ?? "other",
      description: readText(reader, "description", raw.description),
      currency: readText(reader, "currency", raw.currency),
      fields,
      raw,
    },
    warnings: reader.warnings,
  };
}

export function readUser(input: unknown): { record: UserRead; warnings: ReadWarning[] } {
  const raw = asRecord(input, "user");
  const reader = new RecordReader("user", raw);
  const id = requireId(reader);
  const updatedAt = requireTimestamp(reader);
  const fullName = pick(raw, ["name", "displayName", "fullName"]);
  const composed = [raw.firstName, raw.lastName].filter((part) => typeof part === "string" && part).join(" ");
  return {
    record: {
      id,
      updatedAt,
      name: fullName ? readText(reader, fullName.name, fullName.value) : composed || null,
      email: readText(reader, "email", pick(raw, ["email", "emailAddress", "mail"])?.value),
      role: readText(reader, "role", raw.role),
      raw,
    },
    warnings: reader.warnings,
  };
}

export function readFile(input: unknown): { record: FileRead; warnings: ReadWarning[] } {
  const raw = asRecord(input, "file");
  const reader = new RecordReader("file", raw);
  const id = requireId(reader);
  const updatedAt = requireTimestamp(reader);
  const type = pick(raw, ["contentType", "mimeType", "mime", "mediaType", "content_type"]);
  const sizeField = pick(raw, ["size", "sizeBytes", "length", "byteSize"]);
  const size = sizeField ? readInteger(sizeField.value) : null;
  if (sizeField && size === null) reader.warn(sizeField.name, msg("sync.read.warn.notAWholeNumber"));
  const hash = pick(raw, ["sha256", "sha256Hex", "checksum", "hash"]);
  const sha256 = typeof hash?.value === "string" && /^(sha256:)?[0-9a-f]{64}$/i.test(hash.value) ? hash.value.replace(/^sha256:/i, "").toLowerCase() : null;
  if (hash && !sha256) reader.warn(hash.name, msg("sync.read.warn.notASha256"));
  const contract = pick(raw, ["contractId", "contract", "contract_id"]);
  return {
    record: {
      id,
      updatedAt,
      name: readText(reader, "name", pick(raw, ["name", "fileName", "filename", "title"])?.value),
      contentType: type ? readText(reader, type.name, type.value) : null,
      size: size !== null && size >= 0 ? size : null,
      sha256,
      contractId: contract ? readId(isObject(contract.value) ? contract.value.id : contract.value, () => reader.warn(contract.name, msg("sync.read.warn.idAsNumber"))) : null,
      kind: readText(reader, "kind", pick(raw, ["kind", "documentType", "category", "type"])?.value)?.toLowerCase() ?? null,
      raw,
    },
    warnings: reader.warnings,
  };
}

const READERS: { [T in RecordType]: (input: unknown) => { record: ReadOf<T>; warnings: ReadWarning[] } } = {
  contract: readContract,
  client: readClient,
  product: readProduct,
  user: readUser,
  file: readFile,
};

/** One record; a record that cannot be used comes back as `skip` with the reason. */
export function readRecord<T extends RecordType>(type: T, input: unknown): { record: ReadOf<T>; warnings: ReadWarning[] } | { skip: ReadSkip } {
  try {
    return READERS[type](input) as { record: ReadOf<T>; warnings: ReadWarning[] };
  } catch (error) {
    if (!(error instanceof Skip)) throw error;
    const id = isObject(input) ? readId(input.id) : null;
    return { skip: { recordType: type, id, reason: error.reason } };
  }
}

/**
 * A list answer: an array of records (or an object wrapping one, as some providers send:
 * `{ items: [...] }`, `{ data: [...] }`). Unusable records are skipped, the rest are read.
 */
export function readRecords<T extends RecordType>(type: T, body: unknown): ReadOutcome<ReadOf<T>> | null {
  const list = Array.isArray(body) ? body : isObject(body) ? [body.items, body.data, body.records, body.results, body[`${type}s`]].find(Array.isArray) : undefined;
  if (!list) return null;
  const outcome: ReadOutcome<ReadOf<T>> = { records: [], warnings: [], skipped: [] };
  if (!Array.isArray(body)) outcome.warnings.push({ recordType: type, id: null, field: "(body)", message: msg("sync.read.warn.listWrapped") });
  for (const item of list) {
    const read = readRecord(type, item);
    if ("skip" in read) outcome.skipped.push(read.skip);
    else {
      outcome.records.push(read.record);
      outcome.warnings.push(...read.warnings);
    }
  }
  return outcome;
}

/** An id-list answer: ids as strings (digits kept as sent); non-ids skipped. */
export function readIdList(body: unknown): { ids: string[]; dropped: number } | null {
  const list = Array.isArray(body) ? body : isObject(body) ? [body.ids, body.items, body.data].find(Array.isArray) : undefined;
  if (!list) return null;
  const ids: string[] = [];
  let dropped = 0;
  for (const item of list) {
    const id = readId(isObject(item) ? item.id : item);
    if (id) ids.push(id);
    else dropped++;
  }
  return { ids, dropped };
}

/** What a callback body hints at: only ever a trigger to re-read (the body is never trusted). */
export interface CallbackHint {
  id: string | null;
  recordType: string | null;
  status: number | null;
  updatedAt: Date | null;
}

export function readCallbackHint(body: unknown): CallbackHint {
  const raw = isObject(body) ? body : {};
  const inner = isObject(raw.data) ? raw.data : isObject(raw.contract) ? raw.contract : raw;
  const id = readId(pick(raw, ["id", "contractId", "recordId"])?.value ?? pick(inner, ["id", "contractId"])?.value);
  const recordType = typeof raw.recordType === "string" ? raw.recordType : typeof raw.type === "string" ? raw.type : null;
  return { id, recordType, status: readStatus(raw.status ?? inner.status), updatedAt: readTimestamp(raw.updatedAt ?? inner.updatedAt)?.at ?? null };
}

function asRecord(input: unknown, type: RecordType): Record<string, unknown> {
  if (!isObject(input)) throw new Skip(msg("sync.read.skip.notAnObject", { type }));
  return input;
}

function requireId(reader: RecordReader): string {
  const id = readId(reader.raw.id, () => reader.warn("id", msg("sync.read.warn.numberAsText")));
  if (!id) throw new Skip(msg("sync.read.skip.noId"));
  reader.id = id;
  return id;
}

function requireTimestamp(reader: RecordReader): Date {
  const found = pick(reader.raw, ["updatedAt", "updated", "lastModified", "modifiedAt"]);
  const parsed = found ? readTimestamp(found.value) : null;
  if (parsed?.note) reader.warn(found!.name, parsed.note);
  if (parsed) return parsed.at;
  // Without the provider's time we cannot order reads: what we just read is its truth now.
  reader.warn("updatedAt", found ? msg("sync.read.warn.notATimestamp") : msg("sync.read.warn.timestampMissing"));
  return new Date();
}
