/** Test data built with the app's own lib/ functions (shared by Vitest and Playwright). */
import crypto from "node:crypto";
import { createOrganization } from "../lib/organizations/create-organization";
import { createUser } from "../lib/users/manage-users";
import { createClient } from "../lib/clients/save-client";

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

export async function makeClient(owner: TestUser, overrides: Record<string, unknown> = {}) {
  return createClient(owner, { kind: "PERSON", firstName: "Erika", lastName: `Mustermann ${unique()}`, email: `erika-${unique()}@example.com`, birthDate: "1980-05-17", ...overrides });
}

/** An organization with an admin and two advisors. */
export async function makeFirm() {
  const org = await makeOrganization();
  const [admin, advisor, otherAdvisor] = await Promise.all([makeUser(org.id, "ADMIN"), makeUser(org.id, "ADVISOR"), makeUser(org.id, "ADVISOR")]);
  return { org, admin, advisor, otherAdvisor };
}
