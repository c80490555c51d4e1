/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate and
 * answer with (./schemas.ts; zod 4's z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { z } from "zod";
import * as s from "./schemas";
import { SCOPES, type Scope } from "./scopes";
import { API_VERSION, MAX_BODY_BYTES } from "./handler";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination";
import { ACCESS_TOKEN_SECONDS } from "./tokens";
import { IDEMPOTENCY_TTL_HOURS } from "./idempotency";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/events";
import { RETRY_SCHEDULE_SECONDS } from "../webhooks/deliver";

const COMPONENTS = {
  Client: s.clientSchema,
  ClientCreate: s.clientCreateSchema,
  ClientPatch: s.clientPatchSchema,
  ClientPage: s.pageOfSchema(s.clientSchema),
  ClientBatch: s.clientBatchSchema,
  Contract: s.contractSchema,
  ContractPage: s.pageOfSchema(s.contractSchema),
  ContractBatch: s.contractBatchSchema,
  BatchResponse: s.batchResponseSchema,
  ProposalCreate: s.proposalCreateSchema,
  ProposalResult: s.proposalResultSchema,
  Resubmit: s.resubmitSchema,
  Withdraw: s.withdrawRequestSchema,
  Order: s.orderSchema,
  OfflineApproval: s.offlineApprovalRequestSchema,
  ApprovalRequestResult: s.approvalRequestResultSchema,
  Document: s.documentSchema,
  DocumentList: z.object({ data: z.array(s.documentSchema) }),
  TimelineEvent: s.timelineEventSchema,
  TimelineEventPage: s.pageOfSchema(s.timelineEventSchema),
  Product: s.productSchema,
  ProductPage: s.pageOfSchema(s.productSchema),
  TokenRequest: s.tokenRequestSchema,
  TokenResponse: s.tokenResponseSchema,
  OAuthError: s.oauthErrorSchema,
  Problem: s.problemSchema,
  Consent: s.consentSchema,
  ConsentList: s.consentListSchema,
  ConsentCreate: s.consentCreateSchema,
  ConsentResult: s.consentResultSchema,
  AdviceRecord: s.adviceRecordSchema,
  AdviceList: s.adviceListSchema,
  AdviceVersion: s.adviceDraftRequestSchema,
  AdviceWaiver: s.adviceWaiverRequestSchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema as z.ZodType, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
    io: "input",
    // Batch records are validated one by one, so their zod schema is loose; document their shape.
    override: (context) => {
      // Unknown fields are refused at run time; left open here so a batch record may add id and ref.
      if (context.zodSchema === s.clientPatchSchema) delete context.jsonSchema.additionalProperties;
      if (context.zodSchema === s.looseNewClient) replace(context.jsonSchema, { description: "A new client, as for POST /clients", $ref: "#/components/schemas/ClientCreate" });
      if (context.zodSchema === s.looseClientBatchRecord) {
        replace(context.jsonSchema, {
          description: "A client to create (no id), or the changes to one (with id). An optional ref is echoed in the result.",
          anyOf: [
            { allOf: [{ $ref: "#/components/schemas/ClientCreate" }, { type: "object", properties: { ref: { type: "string" } } }] },
            { allOf: [{ $ref: "#/components/schemas/ClientPatch" }, { type: "object", required: ["id"], properties: { id: { type: "string" }, ref: { type: "string" } } }] },
          ],
        });
      }
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const humanDuration = (seconds: number) => (seconds < 60 ? `${seconds} s` : seconds < 3600 ? `${seconds / 60} min` : `${seconds / 3600} h`);
function replace(target: Record<string, unknown>, value: Record<string, unknown>) {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, value);
}
const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({ description, headers: traceHeaders, content: { "application/json": { schema: ref(name) } } });
const problem = (description: string) => ({ description, headers: traceHeaders, content: { "application/problem+json": { schema: ref("Problem") } } });
const traceHeaders = {
  "API-Version": { description: "The API version that answered", schema: { type: "string", example: API_VERSION } },
  "X-Request-Id": { description: "Yours if you sent one, otherwise ours", schema: { type: "string" } },
  "X-Correlation-Id": { description: "Yours if you sent one, otherwise the request id", schema: { type: "string" } },
};

const traceParams = [
  { name: "X-Request-Id", in: "header", required: false, description: "Echoed, and kept on the audit rows of what this request changed", schema: { type: "string", maxLength: 128 } },
  { name: "X-Correlation-Id", in: "header", required: false, description: "Echoed, and kept on the audit rows", schema: { type: "string", maxLength: 128 } },
];
const idempotencyParam = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: `Recommended on every POST. The same key with the same request within ${IDEMPOTENCY_TTL_HOURS} h returns the original status and body (with Idempotent-Replayed: true); the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first is running, 409.`,
  schema: { type: "string", maxLength: 255 },
};
const pageParams = [
  { name: "pageSize", in: "query", required: false, description: `1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}`, schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE } },
  { name: "pageToken", in: "query", required: false, description: "nextPageToken of the previous page, with the same filters", schema: { type: "string" } },
];
const pathId = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const query = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({ name, in: "query", required: false, description, schema });

const common = {
  "401": problem("Missing, expired or revoked access token (INVALID_TOKEN)"),
  "403": problem("The token lacks a scope (INSUFFICIENT_SCOPE) or a field needs clients:pii (FIELD_FORBIDDEN)"),
  "429": problem("Too many requests from this API client (RATE_LIMITED); wait for Retry-After seconds"),
};

function op(input: { summary: string; id: string; tag: string; scopes: Scope[]; params?: unknown[]; body?: ComponentName; ok: Record<string, unknown>; errors?: Record<string, unknown>; post?: boolean; description?: string }) {
  return {
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    operationId: input.id,
    tags: [input.tag],
    security: [{ oauth2: input.scopes }],
    parameters: [...(input.params ?? []), ...(input.post ? [idempotencyParam] : []), ...traceParams],
    ...(input.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(input.body) } } } } : {}),
    responses: { ...input.ok, ...common, ...(input.post ? { "409": problem("Conflict with the record's state, or the first request with this Idempotency-Key is still running"), "422": problem("Validation failed (VALIDATION, with field errors) or Idempotency-Key reused with another request") } : {}), ...(input.errors ?? {}), "500": problem("Unexpected error; quote the requestId") },
  };
}

export function buildApiOpenApiDocument(options: { serverUrl?: string } = {}): Record<string, unknown> {
  const contractId = pathId("id", "Contract id");
  const notFound = { "404": problem("No such record, or not visible to this client (NOT_FOUND)") };
  const provider = { "502": problem("The provider refused (PROVIDER_ERROR)"), "503": problem("The provider is unreachable; retry later (PROVIDER_UNAVAILABLE)") };
  const paths = {
    "/oauth/token": {
      post: {
        summary: "Gets an access token (OAuth 2.0 client credentials)",
        description: `Client authentication with HTTP Basic (client_id:client_secret) or form fields. The token is a JWT valid for ${ACCESS_TOKEN_SECONDS} seconds; get a new one when it expires. Rotating or revoking the client ends its tokens at once.`,
        operationId: "getToken",
        tags: ["auth"],
        security: [],
        requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: ref("TokenRequest") }, "application/json": { schema: ref("TokenRequest") } } },
        responses: {
          "200": { description: "An access token", content: { "application/json": { schema: ref("TokenResponse") } } },
          "400": { description: "Bad grant type or scope (RFC 6749 §5.2)", content: { "application/json": { schema: ref("OAuthError") } } },
          "401": { description: "Bad, revoked or expired client credentials", content: { "application/json": { schema: ref("OAuthError") } } },
          "429": { description: "Too many token requests for this client; reuse a token until it expires", content: { "application/json": { schema: ref("OAuthError") } } },
        },
      },
    },
    "/clients": {
      get: op({ summary: "Lists clients", id: "listClients", tag: "clients", scopes: ["clients:read"], params: [...pageParams, query("updatedSince", "Only clients changed at or after this time; pages then run oldest change first", { type: "string", format: "date-time" })], ok: { "200": json("ClientPage", "A page of clients") }, errors: { "400": problem("Bad query parameter or page token") } }),
      post: op({ summary: "Creates a client", id: "createClient", tag: "clients", scopes: ["clients:write"], body: "ClientCreate", post: true, ok: { "201": json("Client", "The client") } }),
    },
    "/clients/{id}": {
      get: op({ summary: "Reads a client", id: "getClient", tag: "clients", scopes: ["clients:read"], params: [pathId("id", "Client id")], ok: { "200": json("Client", "The client") }, errors: notFound }),
      patch: op({ summary: "Changes some fields of a client", id: "updateClient", tag: "clients", scopes: ["clients:write"], params: [pathId("id", "Client id")], body: "ClientPatch", ok: { "200": json("Client", "The client") }, errors: { ...notFound, "422": problem("Validation failed") } }),
    },
    "/clients/batch": {
      post: op({ summary: "Creates or updates up to 1,000 clients", description: "A record without id creates a client; with id it changes that client. Each record commits alone with its own result, or with allOrNone: true all are rolled back if any fails (their outcome is then rolled_back).", id: "batchClients", tag: "clients", scopes: ["clients:write"], body: "ClientBatch", post: true, ok: { "200": json("BatchResponse", "One result per record, in order") } }),
    },
    "/contracts": {
      get: op({
        summary: "Lists contracts",
        description: "Newest first by creation: contracts created while you page appear before page one and never shift the pages. With updatedSince: oldest change first (sync order).",
        id: "listContracts",
        tag: "contracts",
        scopes: ["contracts:read"],
        params: [
          ...pageParams,
          query("status", "FiNUM status codes, comma-separated (0 = draft)", { type: "string", example: "110,130" }),
          query("turn", "Whose move it is", { type: "string", enum: ["ADVISOR", "CUSTOMER", "PROVIDER", "NONE"] }),
          query("provider", "Provider id"),
          query("advisor", "Advisor (user) id"),
          query("client", "Client id"),
          query("updatedSince", "Only contracts changed at or after this time", { type: "string", format: "date-time" }),
        ],
        ok: { "200": json("ContractPage", "A page of contracts") },
        errors: { "400": problem("Bad query parameter or page token") },
      }),
    },
    "/contracts/{id}": { get: op({ summary: "Reads a contract", id: "getContract", tag: "contracts", scopes: ["contracts:read"], params: [contractId], ok: { "200": json("Contract", "The contract") }, errors: notFound }) },
    "/contracts/batch": {
      post: op({ summary: "Creates up to 1,000 proposals, each with an existing or a new client", description: "Each record: create the client if `client` is given, draft the proposal and send it (120), with its own result. allOrNone validates every record first and writes nothing if any is invalid; what the provider answers while sending cannot be rolled back and is reported per record.", id: "batchContracts", tag: "contracts", scopes: ["contracts:write"], body: "ContractBatch", post: true, ok: { "200": json("BatchResponse", "One result per record, in order") } }),
    },
    "/proposals": {
      post: op({ summary: "Drafts a proposal and sends it to the provider (120)", description: "The same use case as the portal's New proposal wizard. If the provider cannot take it now, the draft stays (status 0) and send.sent is false; POST /contracts/{id}/send tries again.", id: "createProposal", tag: "contracts", scopes: ["contracts:write"], body: "ProposalCreate", post: true, ok: { "201": json("ProposalResult", "The contract and whether it was sent") }, errors: notFound }),
    },
    "/contracts/{id}/send": { post: op({ summary: "Sends a draft to the provider (0 → 120)", id: "sendDraft", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], post: true, ok: { "200": json("Contract", "The contract") }, errors: { ...notFound, ...provider } }) },
    "/contracts/{id}/withdraw": { post: op({ summary: "Withdraws the proposal or contract on the client's behalf (→ 430), with a reason", id: "withdrawContract", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], body: "Withdraw", post: true, ok: { "200": json("Contract", "The contract") }, errors: { ...notFound, ...provider } }) },
    "/contracts/{id}/resubmit": { post: op({ summary: "Sends completed or changed product data (110/130 → 120)", id: "resubmitContract", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], body: "Resubmit", post: true, ok: { "200": json("Contract", "The contract") }, errors: { ...notFound, ...provider } }) },
    "/contracts/{id}/order": { post: op({ summary: "Orders the current proposal (130 → 230)", description: "Needs the customer's approval of the current proposal version and of the completed advice record (or waiver), both bound by SHA-256 (an approval link decided, or a recorded offline approval).", id: "orderContract", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], body: "Order", post: true, ok: { "200": json("Contract", "The contract") }, errors: { ...notFound, ...provider } }) },
    "/contracts/{id}/approval-requests": { post: op({ summary: "Emails the customer a link to approve the current proposal", id: "requestApproval", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], post: true, ok: { "201": json("ApprovalRequestResult", "The request sent") }, errors: notFound }) },
    "/contracts/{id}/approvals": { post: op({ summary: "Records an approval given outside the portal", id: "recordApproval", tag: "lifecycle", scopes: ["contracts:write"], params: [contractId], body: "OfflineApproval", post: true, ok: { "201": { description: "The approval", content: { "application/json": { schema: { type: "object", properties: { approvalId: { type: "string" } }, required: ["approvalId"] } } } } }, errors: notFound }) },
    "/contracts/{id}/events": { get: op({ summary: "The contract's timeline, oldest first", id: "listContractEvents", tag: "contracts", scopes: ["contracts:read"], params: [contractId, ...pageParams], ok: { "200": json("TimelineEventPage", "A page of events") }, errors: notFound }) },
    "/contracts/{id}/documents": { get: op({ summary: "The contract's documents (metadata)", id: "listContractDocuments", tag: "documents", scopes: ["documents:read"], params: [contractId], ok: { "200": json("DocumentList", "The documents") }, errors: notFound }) },
    "/contracts/{id}/documents/{documentId}/content": {
      get: op({ summary: "A document's bytes", id: "getDocumentContent", tag: "documents", scopes: ["documents:read"], params: [contractId, pathId("documentId", "Document id")], ok: { "200": { description: "The bytes, with their content type; ETag is the SHA-256", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } } }, errors: notFound }),
    },
    "/clients/{id}/consents": {
      get: op({ summary: "A client's consents, withdrawn ones included", id: "listConsents", tag: "consents", scopes: ["clients:read"], params: [pathId("id", "Client id")], ok: { "200": json("ConsentList", "The consents, newest first") }, errors: notFound }),
      post: op({ summary: "Records a consent the client gave", description: "Source API. Sending a proposal to a provider (POST /proposals, /contracts/{id}/send) needs the PROVIDER_SHARING consent.", id: "recordConsent", tag: "consents", scopes: ["clients:write"], params: [pathId("id", "Client id")], body: "ConsentCreate", post: true, ok: { "201": json("ConsentResult", "The consent recorded"), "200": json("ConsentResult", "The purpose was already given: that consent") }, errors: notFound }),
    },
    "/clients/{id}/consents/{consentId}/withdraw": {
      post: op({ summary: "Withdraws a consent (kept as withdrawn)", id: "withdrawConsent", tag: "consents", scopes: ["clients:write"], params: [pathId("id", "Client id"), pathId("consentId", "Consent id")], post: true, ok: { "200": json("Consent", "The consent, withdrawn") }, errors: notFound }),
    },
    "/contracts/{id}/advice": {
      get: op({ summary: "The advice record's versions", id: "listAdvice", tag: "advice", scopes: ["contracts:read"], params: [contractId], ok: { "200": json("AdviceList", "The versions, newest first") }, errors: notFound }),
      post: op({ summary: "Saves a draft version of the advice record", description: "A new version after an approval link was sent voids that link (and an approval of earlier advice).", id: "saveAdviceDraft", tag: "advice", scopes: ["contracts:write"], params: [contractId], body: "AdviceVersion", post: true, ok: { "201": json("AdviceRecord", "The new version") }, errors: notFound }),
    },
    "/contracts/{id}/advice/complete": {
      post: op({ summary: "Completes the advice record (a new version, frozen as a PDF with its SHA-256)", description: "Sending an approval link, recording an offline approval and ordering need a completed advice record (or a waiver) as the newest version.", id: "completeAdvice", tag: "advice", scopes: ["contracts:write"], params: [contractId], body: "AdviceVersion", post: true, ok: { "201": json("AdviceRecord", "The completed version") }, errors: notFound }),
    },
    "/contracts/{id}/advice/waive": {
      post: op({ summary: "Records the customer's waiver of advice", id: "waiveAdvice", tag: "advice", scopes: ["contracts:write"], params: [contractId], body: "AdviceWaiver", post: true, ok: { "201": json("AdviceRecord", "The waiver version") }, errors: notFound }),
    },
    "/contracts/{id}/advice/{recordId}/pdf": {
      get: op({ summary: "A completed advice version's PDF", id: "getAdvicePdf", tag: "advice", scopes: ["documents:read"], params: [contractId, pathId("recordId", "Advice record version id")], ok: { "200": { description: "The PDF; ETag is its SHA-256", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } } }, errors: notFound }),
    },
    "/products": { get: op({ summary: "Products of the organization's providers", id: "listProducts", tag: "products", scopes: ["contracts:read"], params: [...pageParams, query("provider", "Provider id")], ok: { "200": json("ProductPage", "A page of products") } }) },
  };

  const webhookEvents = Object.fromEntries(
    Object.entries(WEBHOOK_EVENT_TYPES).map(([type, description]) => [
      type,
      {
        post: {
          summary: description,
          description: "Signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature headers; verify with the standardwebhooks library and your endpoint's whsec_ secret). Answer 2xx within 10 s. Carries ids only: read the record through the API.",
          requestBody: { content: { "application/json": { schema: { type: "object", required: ["type", "timestamp", "data"], properties: { type: { const: type }, timestamp: { type: "string", format: "date-time" }, data: { type: "object" } } } } } },
          responses: { "200": { description: "Received" } },
        },
      },
    ]),
  );

  return {
    openapi: "3.1.0",
    info: {
      title: "Proposal Desk API",
      version: API_VERSION,
      description: [
        "REST API for remote systems (CRMs, calculators, back-office automation). OAuth 2.0 client credentials; every answer carries API-Version, X-Request-Id and X-Correlation-Id; errors are RFC 9457 problem details (application/problem+json) with a machine-readable `code` and field-level `errors`.",
        "Changes within v1 are additive: new fields, new endpoints, new optional parameters. Ignore fields you do not know.",
        `Request bodies up to ${MAX_BODY_BYTES / 1024 / 1024} MB. Webhook deliveries are retried after ${RETRY_SCHEDULE_SECONDS.map(humanDuration).join(", ")} (about 3 days in all).`,
      ].join("\n\n"),
    },
    servers: [{ url: `${(options.serverUrl ?? "").replace(/\/$/, "")}/api/v1` }],
    tags: [
      { name: "auth" }, { name: "clients" }, { name: "contracts" }, { name: "lifecycle", description: "Explicit actions on a contract" }, { name: "documents" }, { name: "products" }, { name: "consents", description: "What a client agreed to, per purpose" }, { name: "advice", description: "The advice record (Beratungsdokumentation) of a proposal" },
    ],
    paths,
    webhooks: webhookEvents,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: `${(options.serverUrl ?? "").replace(/\/$/, "")}/api/v1/oauth/token`, scopes: { ...SCOPES } } } },
      },
    },
  };
}
