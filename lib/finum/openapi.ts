/**
 * The OpenAPI 3.1 document of the FiNUM Sync API, generated from the zod schemas of this module
 * (zod 4's z.toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12, zod's default target).
 */
import { z } from "zod";
import { RECORD_TYPES, MAX_IDS_PER_LIST_CALL } from "./common";
import { recordSchemas, productFieldSchema } from "./records";
import { createClientRequestSchema, createContractRequestSchema, patchContractRequestSchema } from "./requests";
import { idListResponseSchema, authStatusResponseSchema } from "./responses";
import { errorBodySchema } from "./errors";
import { callbackBodySchema } from "./callback";

const COMPONENTS = {
  Contract: recordSchemas.contract,
  Client: recordSchemas.client,
  Product: recordSchemas.product,
  ProductField: productFieldSchema,
  User: recordSchemas.user,
  File: recordSchemas.file,
  CreateClientRequest: createClientRequestSchema,
  CreateContractRequest: createContractRequestSchema,
  PatchContractRequest: patchContractRequestSchema,
  IdList: idListResponseSchema,
  AuthStatus: authStatusResponseSchema,
  Error: errorBodySchema,
  CallbackBody: callbackBodySchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
    io: "input",
  });
  // Each entry carries its own $id/$schema; inside components they are noise.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });
const err = (description: string) => json(ref("Error"), description);
const TYPE_COMPONENT: Record<(typeof RECORD_TYPES)[number], ComponentName> = {
  contract: "Contract",
  client: "Client",
  product: "Product",
  user: "User",
  file: "File",
};

const authErrors = { "401": err("Missing or invalid bearer token"), "429": err("Rate limited; see Retry-After"), "503": err("Temporarily unavailable") };
const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Same key and same body returns the original response; same key with another body is 409.",
  schema: { type: "string", maxLength: 200 },
};

export function buildOpenApiDocument(options: { serverUrl?: string; title?: string } = {}): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const type of RECORD_TYPES) {
    paths[`/v1/${type}-id-list-updated`] = {
      get: {
        summary: `Ids of ${type} records changed at or after since`,
        operationId: `${type}IdListUpdated`,
        tags: ["sync"],
        parameters: [{ name: "since", in: "query", required: true, schema: { type: "string", format: "date-time" } }],
        responses: { "200": json(ref("IdList"), "All matching ids, no pagination"), "400": err("Bad since"), ...authErrors },
      },
    };
    const listParams: unknown[] = [
      {
        name: "id-list",
        in: "query",
        required: type !== "contract",
        description: `Comma-separated ids, at most ${MAX_IDS_PER_LIST_CALL}. Unknown ids are omitted.`,
        schema: { type: "string" },
      },
    ];
    if (type === "contract") {
      listParams.push({ name: "holder-id", in: "query", required: false, description: "All contracts of one client (instead of id-list).", schema: { type: "string" } });
    }
    paths[`/v1/${type}-list`] = {
      get: {
        summary: `${type} records by id`,
        operationId: `${type}List`,
        tags: ["sync"],
        parameters: listParams,
        responses: {
          "200": json({ type: "array", items: ref(TYPE_COMPONENT[type]) }, "The records found"),
          "400": err("Missing or bad parameter"),
          "414": err(`More than ${MAX_IDS_PER_LIST_CALL} ids`),
          ...authErrors,
        },
      },
    };
  }
  paths["/v1/auth-status"] = {
    get: { summary: "Checks the bearer token", operationId: "authStatus", tags: ["auth"], responses: { "200": json(ref("AuthStatus"), "Token valid"), ...authErrors } },
  };
  paths["/v1/file-content"] = {
    get: {
      summary: "Raw bytes of a file",
      operationId: "fileContent",
      tags: ["files"],
      parameters: [{ name: "id", in: "query", required: true, schema: { type: "string" } }],
      responses: {
        "200": { description: "The bytes with their content type", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } },
        "404": err("No such file"),
        ...authErrors,
      },
    },
  };
  paths["/v1/client"] = {
    post: {
      summary: "Creates a client",
      operationId: "createClient",
      tags: ["writes"],
      parameters: [idempotencyHeader],
      requestBody: { required: true, content: { "application/json": { schema: ref("CreateClientRequest") } } },
      responses: { "201": json(ref("Client"), "The created client with its id"), "409": err("Idempotency key reused with another body"), "422": err("Validation failed"), ...authErrors },
    },
  };
  paths["/v1/contract"] = {
    post: {
      summary: "Asks for a proposal (status 120)",
      operationId: "createContract",
      tags: ["writes"],
      parameters: [idempotencyHeader],
      requestBody: { required: true, content: { "application/json": { schema: ref("CreateContractRequest") } } },
      responses: {
        "201": json(ref("Contract"), "The created contract: 120 (proposal in progress) or 110 (data missing, see statusNote)"),
        "409": err("Idempotency key reused with another body"),
        "422": err("Validation failed (unknown holder or product, bad field values)"),
        ...authErrors,
      },
      callbacks: {
        statusChanged: {
          "{$request.body#/callback}": {
            post: {
              summary: "Status changed; Standard Webhooks headers when a webhook secret is shared",
              requestBody: { required: true, content: { "application/json": { schema: ref("CallbackBody") } } },
              responses: { "2XX": { description: "Received; any other answer is retried with exponential backoff" } },
            },
          },
        },
      },
    },
    patch: {
      summary: "Changes data (120), orders (230) or withdraws (430) a contract",
      operationId: "patchContract",
      tags: ["writes"],
      parameters: [idempotencyHeader],
      requestBody: { required: true, content: { "application/json": { schema: ref("PatchContractRequest") } } },
      responses: {
        "200": json(ref("Contract"), "The changed contract"),
        "404": err("No such contract"),
        "409": err("Invalid status transition, or idempotency key reused with another body"),
        "422": err("Validation failed"),
        ...authErrors,
      },
    },
  };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: options.title ?? "FiNUM Sync API",
      version: "1.0.0",
      description:
        "Flat records, bearer JWT (RS256/ES256, claims iss/aud/iat/exp), no pagination. Non-2xx bodies follow the Error schema. " +
        "Status codes: 110 wait for client data, 120 create proposal, 130 proposal available, 230 proposal sent, 240 under review, " +
        "320 active, 410 terminated, 420 declined, 430 withdrawn.",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
    security: [{ bearerJwt: [] }],
    tags: [{ name: "sync" }, { name: "writes" }, { name: "files" }, { name: "auth" }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearerJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
  };
}
