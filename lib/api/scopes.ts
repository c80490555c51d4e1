/** OAuth scopes of /api/v1. `clients:pii` adds birth date, email, phone and address to clients. */
export const SCOPES = {
  "clients:read": "Read clients (names, kind, owner).",
  "clients:write": "Create and update clients.",
  "clients:pii": "See and change clients' birth date, email, phone and address.",
  "contracts:read": "Read contracts, their timeline and products.",
  "contracts:write": "Create proposals and run lifecycle actions (send, resubmit, order, approvals).",
  "documents:read": "Read contract documents and their content.",
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return value in SCOPES;
}

/** Client fields that only a token with `clients:pii` may read or write. */
export const PII_FIELDS = ["email", "phone", "birthDate", "street", "postalCode", "city"] as const;
