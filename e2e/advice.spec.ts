import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, PHONE, completeAdviceOnPage, de, demoAdvisor, demoClient, expectAccessible, linkFromMail, screen, setUserLocale, signIn } from "./fixtures";
import { createClient } from "../lib/clients/save-client";
import { createProposal } from "../lib/contracts/create-proposal";
import { refreshContract } from "../lib/sync/refresh-contract";
import { sendApprovalRequest } from "../lib/approvals/send-approval-request";
import { db } from "../lib/db";
import { completeTestAdvice, giveConsents, makeUser, TEST_PASSWORD } from "../tests/factories";

// The screens of issue 14 items 1 and 2 (advice record, consents) in English and German: what an
// advisor and a customer see, checked with axe, with pictures in test-results/screens.
test.describe.configure({ timeout: 150_000 });

async function at130(contractId: string) {
  await expect(async () => {
    await refreshContract(contractId, "POLL");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(130);
    expect(await db().document.count({ where: { contractId, kind: "PROPOSAL" } })).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
}

async function liabilityProduct(organizationId: string) {
  return db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId } }, select: { id: true } });
}

test("consents on the client page and the advice record on the contract page, in English", async ({ page }) => {
  const advisor = await demoAdvisor();
  const client = await demoClient("Consents", "Maria", { consents: false });
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);

  // Nothing given yet: every purpose offers "Record consent"; the sharing one is needed.
  await page.goto(`/clients/${client.id}`);
  const consents = page.getByTestId("consents-section");
  await expect(consents.getByText("No consents recorded yet.")).toBeVisible();
  const sharing = consents.getByTestId("consent-PROVIDER_SHARING");
  await sharing.getByRole("button", { name: "Record consent" }).click();
  await expect(sharing.getByText(/passes the data needed for my proposal/)).toBeVisible();
  await sharing.getByLabel("How the client agreed (optional)").fill("In person at the office");
  await expectAccessible(page, "the client page (recording a consent)");
  await sharing.getByRole("button", { name: "The client agreed to this text" }).click();
  await expect(sharing).toHaveAttribute("data-given", "true");
  await expect(sharing.getByText(/Recorded by the advisor, .*, text in English/)).toBeVisible();
  const phoneConsent = consents.getByTestId("consent-CONTACT_PHONE");
  await phoneConsent.getByRole("button", { name: "Record consent" }).click();
  await phoneConsent.getByRole("button", { name: "The client agreed to this text" }).click();
  await expect(phoneConsent).toHaveAttribute("data-given", "true");
  // Withdrawn, and kept in the history.
  await phoneConsent.getByRole("button", { name: "Withdraw" }).click();
  await phoneConsent.getByRole("button", { name: "Yes, withdraw" }).click();
  await expect(phoneConsent).toHaveAttribute("data-given", "false");
  await expect(consents.getByText(/Contact by phone: given .* withdrawn/)).toBeVisible();
  const rows = await db().consent.findMany({ where: { clientId: client.id } });
  expect(rows.map((row) => [row.purpose, row.source, Boolean(row.withdrawnAt)]).sort()).toEqual([["CONTACT_PHONE", "ADVISOR", true], ["PROVIDER_SHARING", "ADVISOR", false]]);
  await expectAccessible(page, "the client page (consents)");
  await screen(page, "en", "client-consents");

  // The contract page: the advice record first, then the link.
  const product = await liabilityProduct(advisor.organizationId);
  const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
  await at130(contractId);
  await page.goto(`/contracts/${contractId}`);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "record-advice");
  const advice = page.getByTestId("advice-section");
  await advice.getByLabel("The client's needs and wishes").fill("First notes from the call");
  await advice.getByRole("button", { name: "Save draft" }).click();
  await expect(advice.getByText("Version 1 is a draft: complete it before the customer can approve.")).toBeVisible();
  await expect(page.getByTestId("next-step").getByText("Advice record version 1 is still a draft.")).toBeVisible();
  // Completing needs every part: the errors stand next to the fields.
  await advice.getByRole("button", { name: "Complete and create PDF" }).click();
  await expect(advice.getByText("Fill this in to complete the advice record.").first()).toBeVisible();
  await expect(advice.getByLabel("Advice given")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "the contract page (advice record with errors)");
  await advice.getByRole("button", { name: "The customer waives advice…" }).click();
  await expect(advice.getByRole("form", { name: "Record the customer's waiver of advice" })).toBeVisible();
  await expectAccessible(page, "the contract page (waiver form)");
  await screen(page, "en", "contract-waiver-form");
  await advice.getByRole("button", { name: "Cancel" }).click();
  await completeAdviceOnPage(page);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "send-approval");
  await expect(advice.getByTestId("advice-version")).toHaveCount(2);
  const download = advice.getByRole("link", { name: "PDF of version 2" });
  const pdf = await page.request.get((await download.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment; filename="advice-record-v2\.pdf"/);
  await expectAccessible(page, "the contract page (advice record completed)");
  await screen(page, "en", "contract-advice");
});

test("the advice record and consents in German, and the customer's page on a phone with the advice beside the proposal", async ({ browser }) => {
  test.setTimeout(300_000); // two proposals through the sandbox, two customers: long on a slow machine
  const { organizationId } = await demoAdvisor();
  const advisor = await makeUser(organizationId, "ADVISOR", `Paula Brandt ${crypto.randomBytes(2).toString("hex")}`);
  await setUserLocale(advisor.email, "de");
  const id = crypto.randomBytes(3).toString("hex");
  const email = `greta-${id}@example.com`;
  const { id: clientId } = await createClient(advisor, { kind: "PERSON", firstName: "Greta", lastName: `Jäger ${id}`, birthDate: "1981-04-07", email });
  await db().client.update({ where: { id: clientId }, data: { locale: "de" } });
  await giveConsents(advisor, clientId, ["PROVIDER_SHARING"]);
  const product = await liabilityProduct(organizationId);
  const { contractId } = await createProposal(advisor, { clientId, productId: product.id, data: { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
  await at130(contractId);

  const context = await browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "accept-language": "de-DE,de;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(de("Email")).fill(advisor.email);
  await page.getByLabel(de("Password")).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: de("Sign in") }).click();
  await expect(page.getByRole("heading", { name: de("Pipeline") })).toBeVisible();

  await page.goto(`/clients/${clientId}`);
  await expect(page.getByRole("heading", { name: "Einwilligungen" })).toBeVisible();
  await expectAccessible(page, "the German client page (consents)");
  await screen(page, "de", "client-consents");

  await page.goto(`/contracts/${contractId}`);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "record-advice");
  await expect(page.getByText(de("Go to the advice record"))).toBeVisible();
  await screen(page, "de", "contract-record-advice");
  await completeAdviceOnPage(page, "de");
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "send-approval");
  await expectAccessible(page, "the German contract page (advice completed)");
  await screen(page, "de", "contract-advice");
  await context.close();

  await sendApprovalRequest({ ...advisor }, contractId);
  const customer = await browser.newContext(PHONE);
  const phonePage = await customer.newPage();
  await phonePage.goto(await linkFromMail(email));
  await expect(phonePage.locator("html")).toHaveAttribute("lang", "de");
  await expect(phonePage.getByRole("heading", { name: "Die Beratungsdokumentation" })).toBeVisible();
  await expect(phonePage.getByRole("link", { name: "Beratungs-PDF öffnen" })).toBeVisible();
  await expect(phonePage.getByTestId("customer-consents").getByRole("checkbox")).toHaveCount(3);
  await expectAccessible(phonePage, "the German customer page with the advice and consents");
  await screen(phonePage, "de", "customer-advice");
  await phonePage.getByTestId("customer-consents").getByRole("checkbox", { name: /Datenverarbeitung/ }).check();
  await phonePage.getByRole("button", { name: "Ausgewählte Einwilligungen erteilen" }).click();
  await expect(phonePage.getByTestId("customer-consents").getByRole("checkbox")).toHaveCount(2);
  const given = await db().consent.findFirstOrThrow({ where: { clientId, purpose: "DATA_PROCESSING" } });
  expect(given).toMatchObject({ source: "CUSTOMER_LINK", locale: "de" });
  expect((given.evidence as { userAgent?: string }).userAgent).toMatch(/iPhone/);
  await phonePage.getByLabel(de("Your full name")).fill(`Greta Jäger ${id}`);
  await phonePage.getByRole("checkbox", { name: /habe das Angebot in Version 1 .* und die Beratungsdokumentation \(Version 1\) gelesen/ }).check();
  await phonePage.getByRole("button", { name: de("Approve the proposal") }).click();
  await expect(phonePage.getByRole("heading", { name: de("Thank you, your approval is recorded") })).toBeVisible();
  const approval = await db().approvalRequest.findFirstOrThrow({ where: { contractId, status: "APPROVED" } });
  const record = await db().adviceRecord.findFirstOrThrow({ where: { contractId }, orderBy: { version: "desc" } });
  expect(approval.adviceSha256).toBe(record.sha256);
  await customer.close();

  // The English customer of another contract sees the English texts (and screens for the pictures).
  const english = await demoClient("Englishadvice", "Emma");
  const demo = await demoAdvisor();
  const created = await createProposal(demo, { clientId: english.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
  await at130(created.contractId);
  await completeTestAdvice(demo, created.contractId);
  await sendApprovalRequest(demo, created.contractId);
  const enCustomer = await browser.newContext(PHONE);
  const enPage = await enCustomer.newPage();
  await enPage.goto(await linkFromMail(english.email!));
  await expect(enPage.getByRole("heading", { name: "The advice record" })).toBeVisible();
  await expectAccessible(enPage, "the English customer page with the advice");
  await screen(enPage, "en", "customer-advice");
  await enCustomer.close();
});
