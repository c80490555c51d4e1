/**
 * Demo data, built with the same lib/ functions the app uses. Seeds an empty database only.
 * `npm run db:seed` runs it; `npm run dev` runs it on first start.
 */
import { readFile } from "node:fs/promises";
import { db } from "../lib/db";
import { createOrganization } from "../lib/organizations/create-organization";
import { createUser } from "../lib/users/manage-users";
import { createClient } from "../lib/clients/save-client";
import { registerProvider } from "../lib/providers/register-provider";
import { refreshProducts } from "../lib/products/refresh-products";
import { recordConsent, type ConsentPurpose } from "../lib/consents/consents";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo";
import { seedOfficeDemo } from "./seed-office";
import { seedReportsDemo } from "./seed-reports";

export { DEMO_PASSWORD, DEMO_USERS };

const CLIENTS = [
  { owner: "advisor", kind: "PERSON", firstName: "Maria", lastName: "Schneider", email: "maria.schneider@example.com", birthDate: "1984-03-12", street: "Lindenstraße 4", postalCode: "20095", city: "Hamburg", phone: "+49 40 123456" },
  { owner: "advisor", kind: "PERSON", firstName: "Jonas", lastName: "Weber", email: "jonas.weber@example.com", birthDate: "1991-11-02", street: "Am Markt 12", postalCode: "28195", city: "Bremen" },
  { owner: "advisor", kind: "COMPANY", companyName: "Nordlicht Bäckerei GmbH", email: "info@nordlicht-baeckerei.example", street: "Hafenweg 7", postalCode: "24103", city: "Kiel" },
  { owner: "advisor2", kind: "PERSON", firstName: "Lena", lastName: "Fischer", email: "lena.fischer@example.com", birthDate: "1976-06-25", street: "Bergstraße 30", postalCode: "01069", city: "Dresden" },
  { owner: "advisor2", kind: "PERSON", firstName: "Karl", lastName: "Hoffmann", email: "karl.hoffmann@example.com", birthDate: "1946-01-19", street: "Seeufer 2", postalCode: "80331", city: "München" },
  // A customer who reads English: their page, emails and receipt are in English, the firm's in German.
  { owner: "advisor", kind: "PERSON", firstName: "Emily", lastName: "Clarke", email: "emily.clarke@example.com", birthDate: "1988-09-30", street: "Rothenbaumchaussee 5", postalCode: "20148", city: "Hamburg", locale: "en" },
] as const;

export interface SeedOptions {
  /** Register the provider sandbox at this URL, with the development consumer identity in this file. */
  sandboxUrl?: string;
  consumerFile?: string;
}

/** The development consumer identity written by scripts/lib/dev-consumer.ts. */
interface ConsumerIdentity {
  consumerId: string;
  keyId?: string;
  privateKeyPem: string;
  publicKeyPem: string;
  webhookSecret: string;
}

export const SANDBOX_PROVIDER_NAME = "FiNUM Sandbox";

export async function seedDemo(options: SeedOptions = {}): Promise<{ seeded: boolean }> {
  if ((await db().organization.count()) > 0) return { seeded: false };
  const org = await createOrganization({ name: "Hanse Finanzberatung", slug: "hanse-finanz" });
  const ids: Record<string, { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE" }> = {};
  for (const [key, user] of Object.entries(DEMO_USERS)) {
    const created = await createUser(org.id, { ...user, password: DEMO_PASSWORD });
    ids[key] = { id: created.id, organizationId: org.id, role: user.role };
  }
  for (const { owner, ...client } of CLIENTS) {
    const created = await createClient(ids[owner]!, client);
    // The consents each client gave at the first meeting (issue 14). Jonas Weber has not yet agreed to
    // sharing with a provider: the New proposal wizard asks for it before his proposal is sent.
    const name = "companyName" in client ? client.companyName : `${client.firstName} ${client.lastName}`;
    const purposes: ConsentPurpose[] = name === "Jonas Weber" ? ["DATA_PROCESSING", "CONTACT_EMAIL"] : ["DATA_PROCESSING", "CONTACT_EMAIL", "PROVIDER_SHARING"];
    for (const purpose of purposes) await recordConsent({ ...ids[owner]!, name: DEMO_USERS[owner].name }, created.id, { purpose, note: "First meeting at the office" });
  }
  if (options.sandboxUrl && options.consumerFile) await seedSandboxProvider(org.id, options.sandboxUrl, options.consumerFile);
  if (options.sandboxUrl && options.consumerFile) await seedOfficeDemo({ ...ids.advisor2!, name: DEMO_USERS.advisor2.name });
  await seedReportsDemo(org.id, { advisor: ids.advisor!.id, advisor2: ids.advisor2!.id });
  return { seeded: true };
}

/** Registers the sandbox with the development identity (the sandbox knows its public key) and loads its products. */
async function seedSandboxProvider(organizationId: string, sandboxUrl: string, consumerFile: string) {
  const identity = JSON.parse(await readFile(consumerFile, "utf8")) as ConsumerIdentity;
  const provider = await registerProvider(
    organizationId,
    // The sandbox runs on loopback (over plain HTTP): allowed for this provider by the seed, as an admin would.
    { name: SANDBOX_PROVIDER_NAME, baseUrl: sandboxUrl, consumerId: identity.consumerId, audience: "finum-sandbox", keyId: identity.keyId, webhookSecret: identity.webhookSecret, allowPrivateNetwork: true },
    // Enabled at once: the sandbox already knows the development identity's public key.
    { actor: null, keyPair: { privateKeyPem: identity.privateKeyPem, publicKeyPem: identity.publicKeyPem }, enabled: true },
  );
  // The sandbox may still be starting: without products the demo still works, and Admin → Providers can refresh them.
  await refreshProducts(provider.id, organizationId).catch((error: unknown) => {
    console.warn(`Could not load the sandbox's products (${error instanceof Error ? error.message : String(error)}); refresh them under Admin → Providers.`);
  });
}

