import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { db } from "../lib/db";
import { storeDossier } from "../lib/dossier/dossier";
import { makeContractWithHistory } from "../tests/integration/dossier-fixtures";
import { DEMO_PASSWORD, DEMO_USERS, demoAdvisor, demoClient, expectAccessible, signIn } from "./fixtures";

test("an advisor downloads the evidence dossier of an active contract and sees the stored copy's hash", async ({ page }) => {
  const advisor = await demoAdvisor();
  const client = await demoClient("Dossier");
  const { contractId } = await makeContractWithHistory({ ...advisor, role: "ADVISOR", email: DEMO_USERS.advisor.email }, client.id);

  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  await page.goto(`/contracts/${contractId}`);
  const card = page.getByTestId("dossier-card");
  await expect(page.getByRole("heading", { name: "Evidence dossier" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Download dossier (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^evidence-dossier-.*\.pdf$/);
  const bytes = await fs.readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  // The download is in the audit log with its hash.
  await expect.poll(() => db().auditEvent.count({ where: { entityId: contractId, action: "dossier.generated", actorId: advisor.id } })).toBe(1);

  // The copy stored for the active contract (by the job, or here if the job has not come round yet).
  await storeDossier(contractId);
  const stored = await db().contractDossier.findUniqueOrThrow({ where: { contractId } });
  await page.reload();
  await expect(card.getByTestId("dossier-sha256")).toHaveText(stored.sha256);
  const [json] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Evidence of the stored copy (JSON)" }).click()]);
  expect(json.suggestedFilename()).toBe("dossier-evidence.json");
  await expectAccessible(page, "contract page with the dossier");
});

test("an admin erases a client's data after typing their name; the advisor may only export", async ({ page }) => {
  const advisor = await demoAdvisor();
  const client = await demoClient("Erase");
  await makeContractWithHistory({ ...advisor, role: "ADVISOR", email: DEMO_USERS.advisor.email }, client.id);

  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  await page.goto(`/clients/${client.id}`);
  const card = page.getByTestId("privacy-card");
  await expect(card.getByRole("link", { name: "Export data (PDF)" })).toBeVisible();
  const [exported] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Export data (JSON, with documents)" }).click()]);
  const data = JSON.parse(await fs.readFile((await exported.path())!, "utf8"));
  expect(data.client.email).toBe(client.email);
  await expect(card.getByText("Only administrators and the back office can erase a client's data.")).toBeVisible();
  await expect(card.getByRole("button", { name: "Erase client data …" })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.goto(`/clients/${client.id}`);
  await card.getByRole("button", { name: "Erase client data …" }).click();
  const dialog = page.getByRole("dialog", { name: `Erase the data of ${client.displayName}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("erase-kept")).toContainText("while the contract runs, then 10 years");
  await expectAccessible(page, "erase dialog");

  const confirm = dialog.getByLabel(`Type the client's name to confirm: ${client.displayName}`);
  await confirm.fill("Someone Else");
  await dialog.getByRole("button", { name: "Erase data" }).click();
  await expect(dialog.getByText("Type the client's name exactly as shown.")).toBeVisible();
  expect((await db().client.findUniqueOrThrow({ where: { id: client.id } })).email).toBe(client.email);

  await confirm.fill(client.displayName);
  await dialog.getByRole("button", { name: "Erase data" }).click();
  // The confirmation, or (when the page has already re-read itself) the erasure's lasting state.
  await expect(page.getByText("The client's data was erased. What the law requires is kept until the dates shown.").or(card.getByTestId("erasure-state")).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Anonymised client");
  await expect(card.getByTestId("erasure-state")).toContainText(`by ${DEMO_USERS.admin.name}`);
  const row = await db().client.findUniqueOrThrow({ where: { id: client.id } });
  expect(row).toMatchObject({ email: null, firstName: null, lastName: null, birthDate: null });
  expect(await db().auditEvent.count({ where: { entityId: client.id, action: "privacy.erase" } })).toBe(1);
  await expectAccessible(page, "client page after the erasure");
});
