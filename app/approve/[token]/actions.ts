"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { actionError, type ActionResult } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { approveByLink, declineByLink, type DecisionResult, type RequestMeta } from "@/lib/approvals/decide-by-link";
import { giveConsentsByLink } from "@/lib/consents/customer-consents";

async function requestMeta(): Promise<RequestMeta> {
  const list = await headers();
  // The customer's address from the socket, through TRUSTED_PROXIES only (never a header they set).
  const ip = clientIp(list);
  return { ip: ip === "unknown" ? null : ip.slice(0, 100), userAgent: list.get("user-agent")?.slice(0, 500) ?? null };
}

type Outcome = ActionResult<{ next: "done" | "page" }>;
const outcome = (result: DecisionResult): Outcome => ({ ok: true, data: { next: result.outcome === "recorded" ? "done" : "page" } });

// The automatic order (when the firm has it on) runs after the response: the customer never waits on the provider.
export async function approveAction(token: unknown, input: unknown): Promise<Outcome> {
  try {
    return outcome(await approveByLink(token, input, await requestMeta(), { defer: (task) => after(task) }));
  } catch (error) {
    return actionError(error, { action: "approveByLink" });
  }
}

export async function declineAction(token: unknown, input: unknown): Promise<Outcome> {
  try {
    return outcome(await declineByLink(token, input, await requestMeta()));
  } catch (error) {
    return actionError(error, { action: "declineByLink" });
  }
}

export async function giveConsentsAction(token: unknown, input: unknown): Promise<ActionResult<{ given: string[] }>> {
  try {
    return { ok: true, data: await giveConsentsByLink(token, input, await requestMeta()) };
  } catch (error) {
    return actionError(error, { action: "giveConsentsByLink" });
  }
}
