import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, expectAccessible, signIn } from "./fixtures";
import { makeClient, makeFirm } from "../tests/factories";
import { revokeSessions } from "../lib/users/manage-users";

test("an advisor signs in with the demo credentials and lands on the pipeline", async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0); // advisors have no admin section
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
  await expect(page.getByRole("link", { name: "Schneider, Maria" }).first()).toBeVisible();
  await expectAccessible(page, "the client list");
});

test("a wrong password shows a clear error and keeps the visitor on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO_USERS.advisor.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expectAccessible(page, "the sign-in page (with an error)");
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out visitors are sent to sign in, and come back where they wanted to go", async ({ page }) => {
  const { advisor } = await makeFirm();
  const client = await makeClient(advisor);
  await page.goto(`/clients/${client.id}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Email").fill(advisor.email);
  await page.getByLabel("Password").fill("correct-horse-battery-staple");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${client.id}$`));
});

test("a protected page requested with no session is refused on the server too", async ({ request }) => {
  // No cookie: the proxy redirects. A forged cookie gets past the proxy, and the page itself refuses.
  const plain = await request.get("/clients", { maxRedirects: 0 });
  expect(plain.status()).toBe(307);
  const forged = await request.get("/clients", { maxRedirects: 0, headers: { cookie: "next-auth.session-token=forged" } });
  expect([303, 307]).toContain(forged.status());
  expect(forged.headers().location).toContain("/login");
});

test("a server action replayed without a session is refused and changes nothing", async ({ page, browser }) => {
  const { advisor } = await makeFirm();
  await signIn(page, advisor.email);
  await page.goto("/clients/new");
  await expect(page.getByLabel("First name")).toBeVisible();
  await expectAccessible(page, "the new client form");
  await page.getByLabel("First name").fill("Replay");
  await page.getByLabel("Last name").fill("Probe");
  const actionRequest = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.getByRole("button", { name: "Save client" }).click();
  const captured = await actionRequest;
  await expect(page.getByRole("heading", { name: "Probe, Replay" })).toBeVisible();
  await expectAccessible(page, "the client page");

  const anonymous = await browser.newContext();
  const replay = (cookie?: string) =>
    anonymous.request.post(captured.url(), {
      maxRedirects: 0,
      headers: {
        "next-action": captured.headers()["next-action"]!,
        "content-type": captured.headers()["content-type"]!,
        accept: "text/x-component",
        ...(cookie ? { cookie } : {}),
      },
      data: captured.postData()!.replace("Replay", "Intruder"),
    });
  // With no cookie the proxy turns the request away; with a forged one the action itself refuses.
  expect((await replay()).status()).toBe(307);
  const forged = await replay("next-auth.session-token=forged");
  // The action answers with its message key (the browser shows it in the user's language).
  expect(await forged.text()).toContain("common.errors.sessionEnded");
  await anonymous.close();

  await page.goto("/clients?q=intruder");
  await expect(page.getByText("No clients match")).toBeVisible();
});

test("one advisor cannot read another organization's client by URL", async ({ page }) => {
  const mine = await makeFirm();
  const theirs = await makeFirm();
  const foreign = await makeClient(theirs.advisor, { lastName: "Secretclient" });
  await signIn(page, mine.admin.email);
  const response = await page.goto(`/clients/${foreign.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("We could not find that page")).toBeVisible();
  await expect(page.getByText("Secretclient")).toHaveCount(0);
  const edit = await page.goto(`/clients/${foreign.id}/edit`);
  expect(edit?.status()).toBe(404);
});

test("ending a user's sessions signs them out on their next request", async ({ page }) => {
  const { advisor } = await makeFirm();
  await signIn(page, advisor.email);
  await revokeSessions(advisor.id);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("repeated failed sign-ins for one account are refused for a while, with a message that says so", async ({ page }) => {
  const { advisor } = await makeFirm();
  await page.goto("/login");
  await page.getByLabel("Email").fill(advisor.email);
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled({ timeout: 20_000 });
  }
  await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
  await page.getByLabel("Password").fill("correct-horse-battery-staple");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/try again in \d+ minutes?/)).toBeVisible();
});

test("admins manage users; a disabled user's open session ends at once", async ({ page, browser }) => {
  const { admin, advisor } = await makeFirm();
  const advisorContext = await browser.newContext();
  const advisorPage = await advisorContext.newPage();
  await signIn(advisorPage, advisor.email);

  await signIn(page, admin.email);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: /Users/ }).click();
  await page.getByRole("button", { name: `Disable ${advisor.name}` }).click();
  await expect(page.getByRole("button", { name: `Enable ${advisor.name}` })).toBeVisible();
  await expectAccessible(page, "the user administration");

  await advisorPage.reload();
  await expect(advisorPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await advisorContext.close();
});

test("ending a user's sessions also closes their live connection and sends the open page to sign in", async ({ page }) => {
  const { advisor } = await makeFirm();
  await signIn(page, advisor.email);
  await expect(page.locator("html[data-live=open]")).toHaveCount(1);
  await revokeSessions(advisor.id);
  // No click, no reload: the live stream notices within its heartbeat and ends the session on screen.
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible({ timeout: 30_000 });
});
