/**
 * Ready for a real firm: security headers and redirects on the running build, sign-out that ends
 * the session on the server, a production start with a public URL, and several instances on one
 * PostgreSQL (two web instances with JOBS_ENABLED=false and one `npm run worker`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, demoAdvice, demoAdvisor, demoClient, requestLiabilityProposal, setSandboxFaults, signIn } from "./fixtures";
import { db } from "../lib/db";
import { createProposal } from "../lib/contracts/create-proposal";
import { getProviderWebhookSecret } from "../lib/providers/provider-client";
import { webhookHeaders } from "../lib/finum/webhook-signature";
import { findFreePort } from "../scripts/lib/postgres";
import { ROOT, waitForHttp } from "../scripts/lib/stack";

const children: ChildProcess[] = [];
test.afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Another process on this run's database: `next start` (web) or `npm run worker`. */
async function startInstance(kind: "web" | "worker", env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  const command = kind === "web" ? [path.join(ROOT, "node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"]] : [path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/worker.ts"]];
  const child = spawn(command[0] as string, command[1] as string[], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", APP_URL: url, NEXTAUTH_URL: url, PORT: String(port), JOBS_ENABLED: kind === "worker" ? "true" : "false", WORKER_NICENESS: "0", PENDING_POLL_INTERVAL_SECONDS: "3600", LOG_LEVEL: "warn", ...env },
    stdio: "ignore",
  });
  children.push(child);
  if (kind === "web") await waitForHttp(`${url}/api/health`, child, 120_000, "An extra web instance", () => "");
  return { url, child };
}

test("pages carry a nonce CSP and the security headers; API answers echo X-Request-Id", async ({ page, request }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  // The page works under that policy: the form hydrates and signs in.
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);

  const api = await request.get("/api/health", { headers: { "x-request-id": "trace-me-123" } });
  expect(api.headers()["x-request-id"]).toBe("trace-me-123");
  expect(api.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
  expect((await request.get("/api/ready")).status()).toBe(200);
  const unknown = await request.post("/api/callback?token=nope", { data: { recordType: "contract", id: "x", status: 130, updatedAt: new Date().toISOString() } });
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toMatch(/problem\+json/);
  const bad = await request.post("/api/notifications/read", { headers: { "content-type": "application/json" }, data: '{"ids":["a\\u0000b"]}' });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).detail).toMatch(/NUL character/);
});

test("after sign-in the portal only redirects to its own pages", async ({ page }) => {
  for (const next of ["/%5Cevil.example", "//evil.example", "/%09/evil.example", "https://evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Email").fill(DEMO_USERS.advisor.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(process.env.E2E_BASE_URL!).host);
  }
});

test("signing out ends the session on the server: a copied cookie no longer works", async ({ page, request }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  const copied = { cookie: `${cookie.name}=${cookie.value}` };
  expect((await request.get("/api/notifications", { headers: copied })).status()).toBe(200);
  await page.locator(`button[aria-haspopup="menu"]`).click();
  await page.getByRole("menuitem", { name: /^Sign out$/ }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await request.get("/api/notifications", { headers: copied })).status()).toBe(401);
});

test("npm start with a public URL: customer links and callback URLs use it, and the session cookie is __Secure-", async ({ browser }) => {
  const publicUrl = "https://portal.example.test";
  const instance = await startInstance("web", { APP_URL: publicUrl, NEXTAUTH_URL: publicUrl });
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Secure-next-auth.session-token");
  expect(session?.secure).toBe(true);
  expect(session?.httpOnly).toBe(true);

  const client = await demoClient("Publicurl", "Paula");
  await setSandboxFaults({ dropCallbackRate: 1 }); // the sandbox cannot reach the public URL in a test
  try {
    await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-05-01" });
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page).toHaveURL(/\/contracts\//);
    const contract = await db().contract.findFirstOrThrow({ where: { clientId: client.id }, select: { id: true, callbackToken: true } });
    const write = await db().providerWrite.findFirstOrThrow({ where: { contractId: contract.id, operation: "contract.create" } });
    expect(JSON.stringify(write.request)).toContain(`${publicUrl}/api/callback?token=${contract.callbackToken}`);

    await expect(async () => {
      await page.getByRole("button", { name: "Refresh from provider" }).click();
      await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await demoAdvice(contract.id); // the advice record the customer approves with it (issue 14)
    await page.getByRole("button", { name: `Send approval request to ${client.email}` }).click();
    await expect(page.getByText(`Approval requested from ${client.email}`)).toBeVisible();
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: client.email! }, orderBy: { createdAt: "desc" } });
    expect(mail.text).toMatch(new RegExp(`${publicUrl.replaceAll(".", "\\.")}/approve/[A-Za-z0-9_-]{43}`));
  } finally {
    await setSandboxFaults({});
    await context.close();
  }
});

test("two web instances and a worker on one PostgreSQL: a callback to A shows live on B; the rate limit holds across both", async ({ browser }) => {
  test.setTimeout(180_000);
  await startInstance("worker", {});
  const [a, b] = await Promise.all([startInstance("web", { CALLBACK_RATE_PER_SECOND: "6" }), startInstance("web", { CALLBACK_RATE_PER_SECOND: "6" })]);
  // The worker's start-up poll has run by now; the next one is an hour away: only our callback moves the contract.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const advisor = await demoAdvisor();
  const client = await demoClient("Twoinstances", "Theo");
  const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId: advisor.organizationId } }, select: { id: true, providerId: true } });
  await setSandboxFaults({ dropCallbackRate: 1 }); // only our callbacks count
  try {
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { remoteId: true, callbackToken: true } });

    const context = await browser.newContext({ baseURL: b.url });
    const page = await context.newPage();
    await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
    await page.goto(`/contracts/${contractId}`);
    await expect(page.getByText("Proposal available", { exact: true })).toHaveCount(0);

    // The sandbox moves the contract to 130 on its own; we wait, then tell instance A.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const secret = (await getProviderWebhookSecret(product.providerId))!;
    const send = (base: string) => {
      const body = JSON.stringify({ recordType: "contract", id: contract.remoteId, status: 130, updatedAt: new Date().toISOString() });
      return fetch(`${base}/api/callback?token=${contract.callbackToken}`, { method: "POST", headers: { "content-type": "application/json", ...webhookHeaders({ id: `msg_${crypto.randomUUID()}`, body, secret }) }, body });
    };
    expect((await send(a.url)).status).toBe(202);
    await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });

    // 6 a second for this provider, counted in PostgreSQL: of 16 at once spread over A and B, at
    // most 6 pass in each second the burst lasts (a per-instance count would let 12 a second through).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i % 2 ? a.url : b.url).then((r) => r.status)));
    const windows = Math.floor((Date.now() - started) / 1000) + 1;
    const accepted = answers.filter((status) => status === 202).length;
    expect(answers.filter((status) => status !== 202 && status !== 429)).toEqual([]);
    expect(accepted).toBeLessThanOrEqual(6 * windows);
    expect(accepted).toBeLessThan(16);
    await context.close();
  } finally {
    await setSandboxFaults({});
  }
});

/**
 * A TCP relay to this run's PostgreSQL that can be "stopped" (every connection cut, new ones
 * refused) and "started" again on the same port: an outage as the portal sees it, without
 * stopping the database the other tests share.
 */
async function databaseRelay() {
  const net = await import("node:net");
  const target = new URL(process.env.DATABASE_URL!);
  const port = await findFreePort();
  const sockets = new Set<import("node:net").Socket>();
  let server: import("node:net").Server | undefined;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((incoming) => {
        const outgoing = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [incoming, outgoing]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => undefined);
        }
        incoming.pipe(outgoing).pipe(incoming);
      });
      server.listen(port, "127.0.0.1", resolve);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server) server.close(() => resolve());
      else resolve();
    });
  await start();
  const url = new URL(target.href);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { url: url.href, start, stop };
}

test("/api/ready follows PostgreSQL going away and coming back, while /api/health keeps answering", async () => {
  test.setTimeout(240_000);
  const relay = await databaseRelay();
  try {
    const web = await startInstance("web", { DATABASE_URL: relay.url, JOBS_ENABLED: "true" });
    const ready = async () => {
      const response = await fetch(`${web.url}/api/ready`);
      return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string }> } };
    };
    await expect.poll(async () => (await ready()).status, { timeout: 60_000 }).toBe(200);

    await relay.stop();
    await expect.poll(async () => (await ready()).status, { timeout: 30_000 }).toBe(503);
    const down = await ready();
    expect(down.body).toMatchObject({ status: "not-ready", checks: { database: { ok: false } } });
    expect(JSON.stringify(down.body)).not.toMatch(/postgres(ql)?:\/\/|password|\bat \w+ \(/); // a reason, not a URL or a stack
    expect((await fetch(`${web.url}/api/health`)).status).toBe(200);

    await relay.start();
    // Back without a restart: the database, the migrations and the job queue with its workers.
    await expect.poll(async () => (await ready()).status, { timeout: 90_000 }).toBe(200);
    expect((await ready()).body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true }, jobs: { ok: true } });
  } finally {
    await relay.stop();
  }
});

/** A tiny OTLP/HTTP receiver on loopback: the spans of every JSON export posted to it. */
async function otlpReceiver() {
  const { createServer } = await import("node:http");
  const spans: Array<{ service: string; scope: string; name: string; kind: number; traceId: string; attributes: Record<string, unknown> }> = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (String(request.headers["content-type"]).includes("json")) {
        for (const resource of JSON.parse(body).resourceSpans ?? []) {
          const service = resource.resource.attributes.find((a: { key: string }) => a.key === "service.name")?.value.stringValue ?? "";
          for (const scope of resource.scopeSpans)
            for (const span of scope.spans)
              spans.push({ service, scope: scope.scope.name, name: span.name, kind: span.kind, traceId: span.traceId, attributes: Object.fromEntries(span.attributes.map((a: { key: string; value: Record<string, unknown> }) => [a.key, Object.values(a.value)[0]])) });
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, close: () => server.close() };
}

test("with an OTLP endpoint the built portal sends traces: the incoming request, its Prisma queries and its provider call in one trace", async ({ browser }) => {
  test.setTimeout(180_000);
  const receiver = await otlpReceiver();
  try {
    const traced = await startInstance("web", { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "pd-e2e", LOG_LEVEL: "info" });
    const advisor = await demoAdvisor();
    const client = await demoClient("Traced", "Tara");
    const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId: advisor.organizationId } }, select: { id: true } });
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-07-01" }, requestKey: crypto.randomUUID() });

    const context = await browser.newContext({ baseURL: traced.url });
    const page = await context.newPage();
    await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
    await page.goto(`/contracts/${contractId}`);
    await page.getByRole("button", { name: "Refresh from provider" }).click(); // a server action that reads the contract from the provider
    await expect(async () => {
      const page = receiver.spans.filter((span) => span.scope === "@opentelemetry/instrumentation-http" && span.kind === 2 && String(span.attributes["url.path"] ?? span.attributes["http.target"] ?? "").startsWith(`/contracts/${contractId}`));
      const traces = new Set(page.map((span) => span.traceId));
      const inOne = [...traces].find((traceId) => {
        const spans = receiver.spans.filter((span) => span.traceId === traceId);
        return spans.some((span) => span.name === "prisma:client:db_query") && spans.some((span) => span.kind === 3 && span.attributes["server.address"] === new URL(process.env.E2E_SANDBOX_URL!).hostname);
      });
      expect(inOne, `spans so far: ${receiver.spans.length}`).toBeDefined();
      expect(receiver.spans.filter((span) => span.traceId === inOne).every((span) => span.service === "pd-e2e")).toBe(true);
    }).toPass({ timeout: 30_000 });
    // Next's own spans (route, render) join the same traces.
    expect(receiver.spans.some((span) => span.scope === "next.js")).toBe(true);
    await context.close();
  } finally {
    receiver.close();
  }
});
