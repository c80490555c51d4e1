/** Test data built with the app's own lib/ functions (shared by Vitest and Playwright). */
import crypto from "node:crypto";
import { createOrganization } from "../lib/organizations/create-organization";
import { createUser } from "../lib/users/manage-users";
import { createClient } from "../lib/clients/save-client";
import { recordConsent, type ConsentPurpose } from "../lib/consents/consents";
import { completeAdvice } from "../lib/advice/advice-records";

export const TEST_PASSWORD = "correct-horse-battery-staple";

const unique = () => crypto.randomBytes(4).toString("hex");

export interface TestUser {
  id: string;
  organizationId: string;
  role: "ADMIN" | "ADVISOR" | "BACK_OFFICE";
  email: string;
  name: string;
}

/** A firm; English by default, so tests read the English catalogue unless they choose German. */
export async function makeOrganization(name = `Firm ${unique()}`, defaultLocale: "de" | "en" = "en") {
  const slug = `firm-${unique()}`;
  const org = await createOrganization({ name, slug, defaultLocale });
  return { id: org.id, name };
}

export async function makeUser(organizationId: string, role: "ADMIN" | "ADVISOR" | "BACK_OFFICE" = "ADVISOR", name = `User ${unique()}`): Promise<TestUser> {
  const email = `${role.toLowerCase()}-${unique()}@test.proposal-desk.test`;
  const user = await createUser(organizationId, { name, email, role, password: TEST_PASSWORD });
  return { id: user.id, organizationId, role, email, name };
}

/**
 * A client of the owner's. Like a client who agreed at the first meeting, they have given the
 * consents the firm needs (data processing, sharing with the provider) unless `consents: false`.
 */
export async function makeClient(owner: TestUser, overrides: Record<string, unknown> = {}, options: { consents?: boolean } = {}) {
  const client = await createClient(owner, { kind: "PERSON", firstName: "Erika", lastName: `Mustermann ${unique()}`, email: `erika-${unique()}@example.com`, birthDate: "1980-05-17", ...overrides });
  if (options.consents !== false) await giveConsents(owner, client.id);
  return client;
}

/** The consents recorded by the advisor, through the app's own use case. */
export async function giveConsents(actor: TestUser, clientId: string, purposes: ConsentPurpose[] = ["DATA_PROCESSING", "PROVIDER_SHARING"]) {
  for (const purpose of purposes) await recordConsent(actor, clientId, { purpose, note: "test setup" });
}

/**
 * A completed advice record for the contract (its PDF and SHA-256), as the advisor completes it:
 * for tests that send approval links or order but are not about the advice itself.
 */
export async function completeTestAdvice(actor: Pick<TestUser, "id" | "organizationId" | "role" | "name">, contractId: string) {
  return completeAdvice(actor, contractId, {
    channel: "IN_PERSON",
    needs: "Personal liability cover for the family, with a high sum insured.",
    productsConsidered: ["Private Liability (sandbox)", "Household (sandbox)"],
    advice: "Private liability with 5 million coverage.",
    reasons: "Covers the family's risks at a fair premium.",
  });
}

/** An organization with an admin and two advisors. */
export async function makeFirm() {
  const org = await makeOrganization();
  const [admin, advisor, otherAdvisor] = await Promise.all([makeUser(org.id, "ADMIN"), makeUser(org.id, "ADVISOR"), makeUser(org.id, "ADVISOR")]);
  return { org, admin, advisor, otherAdvisor };
}
