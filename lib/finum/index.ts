/** The FiNUM Sync API wire contract, shared by the provider sandbox and the portal's provider client. */
export * from "./common";
export * from "./status";
export * from "./records";
export * from "./requests";
export * from "./responses";
export * from "./errors";
export * from "./callback";
export * from "./webhook-signature";
export { buildOpenApiDocument } from "./openapi";
