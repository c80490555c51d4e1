import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./fixtures";
import { makeClient, makeFirm, type TestUser } from "../tests/factories";
import { db } from "../lib/db";
import { decideTurn } from "../lib/contracts/turn";

// 28 contracts for the advisor: more than one page of 25, in every phase.
const MINE: Array<[status: number, howMany: number]> = [
  [0, 2], [110, 3], [120, 4], [130, 5], [230, 3], [240, 1], [320, 8], [410, 2],
];

async function seedPipeline() {
  const firm = await makeFirm();
  const provider = await db().provider.create({
    data: { organizationId: firm.org.id, name: "Hanse Leben", baseUrl: "http://127.0.0.1:1", consumerId: "e2e", publicKeyPem: "e2e-public", privateKeyEnc: "e2e-private" },
    select: { id: true },
  });
  const product = await db().product.create({ data: { providerId: provider.id, remoteId: crypto.randomUUID(), name: "Hausrat Plus", line: "household" }, select: { id: true } });
  const clients = await Promise.all(["Schneider", "Keller", "Wagner"].map((lastName) => makeClient(firm.advisor, { firstName: "Pia", lastName })));
  const colleagueClient = await makeClient(firm.otherAdvisor, { firstName: "Not", lastName: "Mine" });
  let minutes = 3;
  // Whose turn stored as the engine stores it; the proposals have a link out with the customer.
  const contract = (advisor: TestUser, clientId: string, status: number) =>
    db().contract.create({
      data: {
        ...decideTurn({ status, approvalState: status === 130 ? "PENDING" : "NONE" }),
        approvalState: status === 130 ? "PENDING" : "NONE",
        organizationId: firm.org.id,
        providerId: provider.id,
        productId: product.id,
        clientId,
        advisorId: advisor.id,
        status,
        statusChangedAt: new Date(Date.now() - (minutes += 97) * 60_000),
        premium: "42.50",
        currency: "EUR",
        callbackToken: crypto.randomBytes(16).toString("hex"),
      },
    });
  let index = 0;
  for (const [status, howMany] of MINE) for (let n = 0; n < howMany; n++) await contract(firm.advisor, clients[index++ % clients.length]!.id, status);
  await contract(firm.otherAdvisor, colleagueClient.id, 130);
  await contract(firm.otherAdvisor, colleagueClient.id, 110);
  return firm;
}

test("an advisor sees their contracts by phase with counts, filters by phase and turn, and pages", async ({ page }) => {
  const { advisor } = await seedPipeline();
  await signIn(page, advisor.email);

  const phases = page.getByRole("navigation", { name: "Phases" });
  await expect(phases.getByRole("link", { name: "All 28" })).toHaveAttribute("aria-current", "true");
  for (const [label, count] of [["Drafts", 2], ["Proposal", 12], ["Ordering", 4], ["In force", 8], ["Ended", 2]] as const) {
    await expect(phases.getByRole("link", { name: `${label} ${count}`, exact: true })).toBeVisible();
  }
  const turns = page.getByRole("region", { name: "Whose turn" });
  await expect(turns.getByTestId("turn-count-advisor")).toHaveText("5");
  await expect(turns.getByTestId("turn-count-customer")).toHaveText("5");
  await expect(turns.getByTestId("turn-count-provider")).toHaveText("8");

  const table = page.getByRole("table", { name: "Contracts, most recent status change first" });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(table.getByText("Mine, Not")).toHaveCount(0); // a colleague's contract
  await expectAccessible(page, "the pipeline");
  await expect(rows.first().getByRole("link", { name: "Schneider, Pia" })).toHaveAttribute("href", /^\/contracts\/c/);

  // Paging: the next page has the remaining three, and the way back.
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/pageToken=/);
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← First page" }).click();
  await expect(rows).toHaveCount(25);

  // A phase filters the table; the counts stay for every phase.
  await phases.getByRole("link", { name: "Ordering 4", exact: true }).click();
  await expect(page).toHaveURL(/status=ordering/);
  await expect(phases.getByRole("link", { name: "Ordering 4", exact: true })).toHaveAttribute("aria-current", "true");
  await expect(rows).toHaveCount(4);
  await expect(table.getByText("Ordered")).toHaveCount(3);
  await expect(table.getByText("Under review")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);

  // The GET form works with the keyboard and without scripts: choose "Your turn" and apply.
  await page.getByLabel("Status").selectOption("");
  await page.getByRole("combobox", { name: "Whose turn" }).selectOption({ label: "Your turn (5)" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/turn=advisor/);
  await expect(rows).toHaveCount(5);
  await expect(table.getByText("Your turn")).toHaveCount(5);

  // A search that matches nothing says so and offers a way back.
  await page.getByLabel("Client").fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No contracts match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(phases.getByRole("link", { name: "All 28" })).toHaveAttribute("aria-current", "true");
  await expect(rows).toHaveCount(25);
});

test("a bad page link shows a readable message instead of an error page", async ({ page }) => {
  const { advisor } = await makeFirm();
  await signIn(page, advisor.email);
  await page.goto("/?pageToken=garbage!");
  await expect(page.getByRole("alert").filter({ hasText: "This page link is not valid any more" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByText("No proposals yet")).toBeVisible();
});
