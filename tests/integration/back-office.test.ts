/**
 * The back-office role: sees and works every client and contract of the firm (pipeline, clients,
 * the contract page, the wizard for any advisor's client, live events, the API's acting user),
 * and is refused everything that manages the firm (users, providers, settings, API clients,
 * webhooks), in lib, not only in hidden links.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { managesFirm, seesWholeFirm } from "@/lib/auth/roles";
import { getPipeline } from "@/lib/contracts/pipeline";
import { getContractView } from "@/lib/contracts/contract-view";
import { listClients, getClient } from "@/lib/clients/queries";
import { createProposal } from "@/lib/contracts/create-proposal";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";
import { eventVisibleTo } from "@/lib/events/subscribe";
import { setUserDisabled, setUserRole, createUser, listUsers } from "@/lib/users/manage-users";
import { reassignClients } from "@/lib/users/reassign-clients";
import { saveOfficeSettings } from "@/lib/tasks/office-settings";
import { assertAdmin } from "@/lib/providers/guard";
import { setProviderEnabled } from "@/lib/providers/set-provider-enabled";
import { createApiClient } from "@/lib/api/api-clients";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { updateApprovalSettings } from "@/lib/approvals/approval-settings";
import { setDefaultLocale } from "@/lib/organizations/default-locale";
import { listReviewItems } from "@/lib/sync/review-queue";
import { authenticate } from "@/lib/auth/authenticate";
import { completeTestAdvice, makeClient, makeFirm, makeUser, TEST_PASSWORD } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";
import { makeContract, makeProvider } from "../office-fixtures";
import { ALL_SCOPES, apiClientWithToken, callJson } from "./api-support";

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };

describe("the back-office role", () => {
  it("is one helper's decision: sees the whole firm, manages nothing", () => {
    expect([seesWholeFirm("ADMIN"), seesWholeFirm("BACK_OFFICE"), seesWholeFirm("ADVISOR")]).toEqual([true, true, false]);
    expect([managesFirm("ADMIN"), managesFirm("BACK_OFFICE"), managesFirm("ADVISOR")]).toEqual([true, false, false]);
  });

  it("is created and changed by an admin (audited), signs in, and an admin cannot change their own role", async () => {
    const firm = await makeFirm();
    const email = `office-${crypto.randomBytes(4).toString("hex")}@test.proposal-desk.test`;
    const { id } = await createUser(firm.org.id, { name: "Olga Office", email, role: "BACK_OFFICE", password: TEST_PASSWORD }, firm.admin);
    expect(await authenticate({ email, password: TEST_PASSWORD }, "203.0.113.9")).toMatchObject({ id, role: "BACK_OFFICE" });
    expect((await listUsers(firm.admin)).find((user) => user.id === id)?.role).toBe("BACK_OFFICE");

    await setUserRole(firm.admin, firm.advisor.id, "BACK_OFFICE");
    expect((await db().user.findUniqueOrThrow({ where: { id: firm.advisor.id } })).role).toBe("BACK_OFFICE");
    expect(await db().auditEvent.findFirst({ where: { entityId: firm.advisor.id, action: "user.role" } })).toMatchObject({ actorId: firm.admin.id, data: { from: "ADVISOR", to: "BACK_OFFICE" } });
    await expect(setUserRole(firm.admin, firm.admin.id, "ADVISOR")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserRole(firm.admin, firm.advisor.id, "OWNER")).rejects.toMatchObject({ code: "VALIDATION" });
    const elsewhere = await makeFirm();
    await expect(setUserRole(firm.admin, elsewhere.advisor.id, "ADMIN")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sees another advisor's clients and contracts in the pipeline, the client list and the contract page; an advisor does not", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    const provider = await makeProvider(firm.org.id);
    const client = await makeClient(firm.otherAdvisor);
    const contract = await makeContract({ advisor: firm.otherAdvisor, clientId: client.id, providerId: provider.id, status: 130 });

    const pipeline = await getPipeline(backOffice, { pageSize: 100 });
    expect(pipeline.rows.map((row) => row.id)).toContain(contract.id);
    expect(pipeline.options.advisors?.map((advisor) => advisor.id)).toEqual(expect.arrayContaining([firm.advisor.id, firm.otherAdvisor.id]));
    expect((await getPipeline(backOffice, { advisor: firm.otherAdvisor.id })).rows.map((row) => row.id)).toEqual([contract.id]);
    expect((await listClients(backOffice, { pageSize: 100 })).items.map((row) => row.id)).toContain(client.id);
    expect((await listClients(firm.advisor, { pageSize: 100 })).items.map((row) => row.id)).not.toContain(client.id);
    expect(await getClient(backOffice, client.id)).toMatchObject({ id: client.id });
    expect((await getContractView(backOffice, contract.id)).id).toBe(contract.id);

    expect((await getPipeline(firm.advisor, { pageSize: 100 })).rows.map((row) => row.id)).not.toContain(contract.id);
    await expect(getContractView(firm.advisor, contract.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another firm's back office sees nothing of this one.
    const elsewhere = await makeFirm();
    const otherOffice = await makeUser(elsewhere.org.id, "BACK_OFFICE");
    await expect(getContractView(otherOffice, contract.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Live events: every advisor's contract reaches back office, never another firm's.
    const event = { type: "contract.updated" as const, organizationId: firm.org.id, advisorId: firm.otherAdvisor.id, contractId: contract.id, status: 130 };
    expect(eventVisibleTo(event, backOffice)).toBe(true);
    expect(eventVisibleTo(event, firm.advisor)).toBe(false);
    expect(eventVisibleTo(event, otherOffice)).toBe(false);
  });

  it("works any advisor's client: a proposal through the sandbox stays the client's advisor's, and the approval link goes out", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE", "Olga Office");
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const liability = (await db().product.findMany({ where: { providerId }, select: { id: true, name: true } })).find((p) => p.name === "Private Liability")!;
    const client = await makeClient(firm.advisor);
    const { contractId } = await createProposal(backOffice, { clientId: client.id, productId: liability.id, data: fullData, requestKey: crypto.randomUUID() });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status === 130, 15_000, "status 130");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).advisorId).toBe(firm.advisor.id);
    await completeTestAdvice(backOffice, contractId);
    await sendApprovalRequest(backOffice, contractId);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).approvalState).toBe("PENDING");
    expect(await db().contractEvent.findFirst({ where: { contractId, kind: "approval.sent" } })).toMatchObject({ actorId: backOffice.id });
  }, 60_000);

  it("acts for the whole firm through the API when an API client acts as a back-office user", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    const provider = await makeProvider(firm.org.id);
    const contract = await makeContract({ advisor: firm.otherAdvisor, clientId: (await makeClient(firm.otherAdvisor)).id, providerId: provider.id, status: 110 });
    const asOffice = await apiClientWithToken(firm.admin, { scopes: ALL_SCOPES, actingUserId: backOffice.id });
    const asAdvisor = await apiClientWithToken(firm.admin, { scopes: ALL_SCOPES, actingUserId: firm.advisor.id });
    const listed = await callJson<{ data: Array<{ id: string }> }>("GET", "/api/v1/contracts?pageSize=100", { token: asOffice.token });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((row) => row.id)).toContain(contract.id);
    expect((await callJson("GET", `/api/v1/contracts/${contract.id}`, { token: asOffice.token })).status).toBe(200);
    expect((await callJson("GET", `/api/v1/contracts/${contract.id}`, { token: asAdvisor.token })).status).toBe(404);
  });

  it("cannot manage users, providers, settings, API clients, webhooks or the review queue", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    const provider = await makeProvider(firm.org.id);
    const { enabled } = await db().provider.findUniqueOrThrow({ where: { id: provider.id }, select: { enabled: true } });
    const forbidden = { code: "FORBIDDEN" };
    expect(() => assertAdmin(backOffice)).toThrow();
    await expect(setProviderEnabled(backOffice, provider.id, false)).rejects.toMatchObject(forbidden);
    await expect(createApiClient(backOffice, { name: "CRM", scopes: ["clients:read"] })).rejects.toMatchObject(forbidden);
    await expect(createWebhookEndpoint(backOffice, { url: "https://crm.example.com/hook", events: ["contract.status_changed"] })).rejects.toMatchObject(forbidden);
    await expect(updateApprovalSettings(backOffice, { autoOrderOnApproval: true, approvalTtlHours: 24 })).rejects.toMatchObject(forbidden);
    await expect(setDefaultLocale(backOffice, { defaultLocale: "en" })).rejects.toMatchObject(forbidden);
    await expect(saveOfficeSettings(backOffice, { taskDueDays: "1", customerReminderHours: "1" })).rejects.toMatchObject(forbidden);
    await expect(reassignClients({ ...backOffice, name: "Office" }, { fromUserId: firm.advisor.id, toUserId: firm.otherAdvisor.id })).rejects.toMatchObject(forbidden);
    await expect(listReviewItems(backOffice)).rejects.toMatchObject(forbidden);
    expect((await db().provider.findUniqueOrThrow({ where: { id: provider.id } })).enabled).toBe(enabled);
    // The users admin's lib takes the acting admin from requireUser({ admin: true }); the role check itself:
    expect(managesFirm(backOffice.role)).toBe(false);
    // And disabling still works on back-office users like on anyone.
    await setUserDisabled(firm.admin, backOffice.id, true);
    expect((await db().user.findUniqueOrThrow({ where: { id: backOffice.id } })).disabled).toBe(true);
  });
});
