/**
 * A webhook receiver that verifies Proposal Desk's signatures with the Standard Webhooks
 * reference library, then re-reads the contract through the API (payloads carry ids only).
 *
 *   PD_WEBHOOK_SECRET=whsec_… PORT=4020 npx tsx examples/webhook-receiver.ts
 *
 * Add http://127.0.0.1:4020/hooks as an endpoint under Admin → Webhooks (plain http is accepted
 * for localhost only). During a secret rotation the portal signs with both
 * secrets, so a receiver may switch to the new one at any time within the overlap.
 */
import http from "node:http";
import { Webhook } from "standardwebhooks";

const secret = process.env.PD_WEBHOOK_SECRET ?? "";
const port = Number(process.env.PORT ?? 4020);
if (!secret.startsWith("whsec_")) throw new Error("Set PD_WEBHOOK_SECRET to the endpoint's whsec_… secret.");
const verifier = new Webhook(secret);
const seen = new Set<string>();

http
  .createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value ?? "")]));
      try {
        const event = verifier.verify(body, headers) as { type: string; data: Record<string, unknown> };
        // Retries and replays carry the same webhook-id: handle each message once.
        const id = headers["webhook-id"]!;
        if (!seen.has(id)) {
          seen.add(id);
          console.log(`${event.type}`, event.data);
        }
        response.statusCode = 204;
      } catch (error) {
        console.warn("Rejected an unsigned or tampered request:", error instanceof Error ? error.message : error);
        response.statusCode = 400;
      }
      response.end();
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`Listening on http://127.0.0.1:${port}/hooks`));
