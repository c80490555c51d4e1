/**
 * The wire shapes of /api/v1 as zod schemas: request bodies are validated with them (or with
 * the use cases' own schemas, which they reuse), responses are typed by them, and the OpenAPI
 * document is generated from them (./openapi.ts).
 */
import { z } from "zod";
import { clientInputSchema } from "../clients/schema";
import { offlineApprovalSchema, EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from "../approvals/offline-approval-schema";

const id = z.string().describe("Opaque identifier");
const timestamp = z.string().describe("ISO 8601 date-time (UTC)");

export const clientSchema = z
  .object({
    id,
    kind: z.enum(["PERSON", "COMPANY"]),
    displayName: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    companyName: z.string().nullable(),
    country: z.string(),
    ownerId: id,
    createdAt: timestamp,
    updatedAt: timestamp,
    email: z.string().nullable().optional().describe("Only with the clients:pii scope"),
    phone: z.string().nullable().optional().describe("Only with the clients:pii scope"),
    birthDate: z.string().nullable().optional().describe("YYYY-MM-DD; only with the clients:pii scope"),
    street: z.string().nullable().optional().describe("Only with the clients:pii scope"),
    postalCode: z.string().nullable().optional().describe("Only with the clients:pii scope"),
    city: z.string().nullable().optional().describe("Only with the clients:pii scope"),
  })
  .describe("A client. Without clients:pii, birth date, email, phone and address are omitted.");

/** Create: the same schema the browser's client form uses. */
export const clientCreateSchema = clientInputSchema;
/** Update: any subset of the fields; the rest keep their values. */
export const clientPatchSchema = z
  .object({
    kind: z.enum(["PERSON", "COMPANY"]),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    companyName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birthDate: z.string().nullable().describe("YYYY-MM-DD"),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
  })
  .partial()
  .strict();

export const turnSchema = z.enum(["ADVISOR", "CUSTOMER", "PROVIDER", "NONE"]);

export const contractSchema = z.object({
  id,
  status: z.number().int().describe("FiNUM status code; 0 is a local draft not yet sent"),
  statusLabel: z.string(),
  statusNote: z.string().nullable(),
  statusChangedAt: timestamp,
  turn: turnSchema.describe("Whose move it is"),
  approvalState: z.enum(["NONE", "PENDING", "APPROVED", "DECLINED", "EXPIRED", "VOID"]),
  nextStep: z.string(),
  needsAttention: z.boolean(),
  clientId: id,
  providerId: id,
  productId: id.nullable(),
  advisorId: id,
  remoteId: z.string().nullable().describe("The provider's contract id"),
  contractNumber: z.string().nullable(),
  premium: z.string().nullable().describe("Decimal as a string, e.g. \"89.90\""),
  currency: z.string().nullable(),
  proposalVersion: z.number().int(),
  data: z.record(z.string(), z.unknown()).describe("The product data"),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const documentSchema = z.object({
  id,
  contractId: id,
  kind: z.enum(["PROPOSAL", "POLICY", "OTHER"]),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  proposalVersion: z.number().int().nullable(),
  createdAt: timestamp,
  contentUrl: z.string().describe("GET it for the bytes"),
});

export const timelineEventSchema = z.object({
  id,
  kind: z.string().describe('"status" for a status change; "approval.sent", "approval.approved", … otherwise'),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int(),
  source: z.enum(["ADVISOR", "CUSTOMER", "CALLBACK", "POLL", "SYNC", "SYSTEM"]),
  actorLabel: z.string().nullable(),
  note: z.string().nullable(),
  at: timestamp,
});

export const productFieldOutSchema = z.object({ name: z.string(), label: z.string().optional(), type: z.string().optional(), required: z.boolean().optional() }).passthrough();

export const productSchema = z.object({
  id,
  providerId: id,
  providerName: z.string(),
  name: z.string(),
  line: z.string(),
  description: z.string().nullable(),
  currency: z.string().nullable(),
  active: z.boolean(),
  fields: z.array(productFieldOutSchema).describe("The product data fields a proposal needs"),
  updatedAt: timestamp,
});

export const pageOfSchema = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextPageToken: z.string().nullable().describe("Pass as pageToken for the next page; null on the last page") });

export const proposalCreateSchema = z.object({
  clientId: id,
  productId: id,
  data: z.record(z.string(), z.unknown()).default({}).describe("Product data keyed by field name"),
  allowMissing: z.boolean().default(false).describe("Send even when required product data is missing: the provider will ask for it (110)"),
  providerSharingConsent: z.object({ given: z.literal(true), locale: z.enum(["de", "en"]) }).strict().optional().describe("The client's consent to share their data with the provider, given now (the text in this language): recorded with source API before sending. Without it (or an earlier PROVIDER_SHARING consent, see /clients/{id}/consents) the proposal stays a draft."),
});

export const sendOutcomeSchema = z.object({
  sent: z.boolean(),
  error: z.string().optional(),
  code: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

export const proposalResultSchema = z.object({ contract: contractSchema, send: sendOutcomeSchema.describe("Whether the provider took the proposal; a draft that could not be sent stays and can be sent with /send") });

export const resubmitSchema = z.object({ data: z.record(z.string(), z.unknown()).describe("The complete product data") }).strict();
export const withdrawRequestSchema = z.object({ reason: z.string().describe("Why the proposal or contract is withdrawn (kept on the timeline)") }).strict();
export const orderSchema = z.object({ proposalVersion: z.number().int().optional().describe("Refuse if a newer proposal has arrived") }).strict();
/** The offline approval as JSON: the evidence document travels base64-encoded. */
export const offlineApprovalRequestSchema = offlineApprovalSchema.omit({ evidence: true }).extend({
  evidence: z
    .object({
      name: z.string().trim().min(1).max(200).describe("File name of the evidence"),
      contentType: z.enum(EVIDENCE_TYPES).describe("PDF or image"),
      contentBase64: z.string().min(1).max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4).describe("The file's bytes, base64"),
    })
    .strict()
    .describe("A scan or photo of the signed proposal, or the customer's email as PDF"),
});

export const approvalRequestResultSchema = z.object({ approvalId: id, email: z.string(), expiresAt: timestamp });

const batchError = z.object({ code: z.string(), detail: z.string(), errors: z.record(z.string(), z.array(z.string())).optional() });

/**
 * Batch records are checked one by one (each gets its own result), so the batch schema takes
 * them loosely; the OpenAPI document shows them with the client schemas (lib/api/openapi.ts).
 */
export const looseNewClient = z.record(z.string(), z.unknown()).describe("A new client, as for POST /clients");
export const looseClientBatchRecord = z.record(z.string(), z.unknown()).describe("A client to create (no id), or { id, …changes } to update one; an optional ref is echoed in the result");

export const clientBatchSchema = z.object({
  allOrNone: z.boolean().default(false).describe("Roll everything back if any record fails"),
  records: z
    .array(looseClientBatchRecord)
    .min(1, "apiAdmin.problems.batchMin")
    .max(1000, "apiAdmin.problems.batchMax"),
});

export const batchResultSchema = z.object({
  index: z.number().int(),
  ref: z.string().optional().describe("Echo of the record's ref, if it had one"),
  outcome: z.enum(["created", "updated", "error", "rolled_back"]),
  id: z.string().optional().describe("The client (clients batch) or contract (contracts batch)"),
  clientId: z.string().optional().describe("Contracts batch: the client used or created"),
  error: batchError.optional(),
});

export const batchResponseSchema = z.object({
  allOrNone: z.boolean(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(batchResultSchema),
});

export const contractBatchSchema = z.object({
  allOrNone: z.boolean().default(false).describe("Validate every record first and write nothing if any is invalid"),
  records: z
    .array(
      z.object({
        ref: z.string().max(100).optional(),
        clientId: id.optional().describe("An existing client; or give `client` to create one"),
        client: looseNewClient.optional(),
        productId: id,
        data: z.record(z.string(), z.unknown()).default({}),
        allowMissing: z.boolean().default(false),
        providerSharingConsent: z.object({ given: z.literal(true), locale: z.enum(["de", "en"]) }).strict().optional().describe("The client's consent to share their data with the provider, given now (the text in this language): recorded with source API before sending. Without it (or an earlier PROVIDER_SHARING consent, see /clients/{id}/consents) the proposal stays a draft."),
      }),
    )
    .min(1, "apiAdmin.problems.batchMin")
    .max(1000, "apiAdmin.problems.batchMax"),
});

export const tokenResponseSchema = z.object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int(), scope: z.string() });
export const tokenRequestSchema = z.object({
  grant_type: z.literal("client_credentials"),
  client_id: z.string().optional().describe("Or send it with HTTP Basic"),
  client_secret: z.string().optional().describe("Or send it with HTTP Basic"),
  scope: z.string().optional().describe("Space-separated subset of the client's scopes"),
});
export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe("Machine-readable, e.g. VALIDATION, NOT_FOUND, INSUFFICIENT_SCOPE, IDEMPOTENCY_KEY_REUSED"),
  requestId: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional().describe("Field-level messages keyed by field path"),
});

export type ApiClientOut = z.infer<typeof clientSchema>;
export type ApiContractOut = z.infer<typeof contractSchema>;
export type ApiDocumentOut = z.infer<typeof documentSchema>;
export type ApiTimelineEventOut = z.infer<typeof timelineEventSchema>;
export type ApiProductOut = z.infer<typeof productSchema>;
export type BatchResult = z.infer<typeof batchResultSchema>;

// ── Issue 14: consents and the advice record ──

const consentPurpose = z.enum(["DATA_PROCESSING", "CONTACT_EMAIL", "CONTACT_PHONE", "PROVIDER_SHARING"]);
const consentSource = z.enum(["ADVISOR", "CUSTOMER_LINK", "API"]);

export const consentSchema = z
  .object({
    id,
    clientId: id,
    purpose: consentPurpose,
    source: consentSource,
    text: z.string().describe("The exact text the client was shown"),
    locale: z.enum(["de", "en"]).describe("The language of that text"),
    givenAt: timestamp,
    withdrawnAt: timestamp.nullable(),
    withdrawalSource: consentSource.nullable(),
  })
  .describe("A client's consent for one purpose. Withdrawn consents are kept; a new consent after a withdrawal is a new record.");

export const consentListSchema = z.object({ data: z.array(consentSchema) });

export const consentCreateSchema = z
  .object({
    purpose: consentPurpose,
    locale: z.enum(["de", "en"]).optional().describe("The language the text was shown in; the client's (else the firm's) when absent"),
    note: z.string().max(500).optional().describe("How the client gave it"),
  })
  .strict()
  .describe("Records a consent the client gave (source API). The text stored is the portal's text for the purpose, in that language. A purpose already given answers the existing consent (created: false).");

export const consentResultSchema = z.object({ created: z.boolean(), consent: consentSchema });

const adviceChannel = z.enum(["IN_PERSON", "PHONE", "VIDEO"]);

export const adviceRecordSchema = z
  .object({
    id,
    contractId: id,
    version: z.number().int(),
    state: z.enum(["draft", "completed", "waived"]),
    channel: adviceChannel,
    needs: z.string(),
    advice: z.string(),
    reasons: z.string(),
    productsConsidered: z.array(z.string()),
    waiverReason: z.string().nullable(),
    locale: z.enum(["de", "en"]).describe("The language of the PDF"),
    completedAt: timestamp.nullable(),
    sha256: z.string().nullable().describe("SHA-256 of the PDF (completed or waived versions)"),
    pdfUrl: z.string().nullable().describe("The PDF (documents:read), for completed or waived versions"),
    createdAt: timestamp,
  })
  .describe("One version of a contract's advice record (Beratungsdokumentation). Every save is a new version.");

export const adviceListSchema = z
  .object({
    ready: z.boolean().describe("The newest version is completed or waived: an approval link may be sent"),
    data: z.array(adviceRecordSchema).describe("Newest first"),
  })
  .describe("The advice record's versions");

export const adviceDraftRequestSchema = z
  .object({
    channel: adviceChannel,
    needs: z.string().max(10_000).optional(),
    advice: z.string().max(10_000).optional(),
    reasons: z.string().max(10_000).optional(),
    productsConsidered: z.array(z.string().max(200)).max(30).optional(),
  })
  .strict()
  .describe("An advice record version. Saved as a draft with POST /advice; POST /advice/complete needs needs, advice, reasons and at least one product, and freezes the version as a PDF in the client's language.");

export const adviceWaiverRequestSchema = z
  .object({
    channel: adviceChannel,
    waiverReason: z.string().min(1).max(10_000).describe("The reason in the customer's separate written declaration"),
    needs: z.string().max(10_000).optional(),
  })
  .strict()
  .describe("The customer's recorded waiver of advice, where the law allows one");
