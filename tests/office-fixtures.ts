/** Rows for the office tests (tasks, reminders, reassignment): contracts stored as the engine stores them. */
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { decideTurn, type ApprovalState } from "@/lib/contracts/turn";
import type { TestUser } from "./factories";

const token = () => crypto.randomBytes(16).toString("hex");

export async function makeProvider(organizationId: string, name = `Provider ${token().slice(0, 6)}`) {
  return db().provider.create({
    data: { organizationId, name, baseUrl: "http://127.0.0.1:1", consumerId: "test", publicKeyPem: "dummy-public", privateKeyEnc: "dummy-private" },
    select: { id: true, name: true },
  });
}

export async function makeProduct(providerId: string, name = "Private Liability") {
  return db().product.create({ data: { providerId, remoteId: token(), name, line: "liability" }, select: { id: true, name: true } });
}

export interface ContractSpec {
  advisor: Pick<TestUser, "id" | "organizationId">;
  clientId: string;
  providerId: string;
  productId?: string;
  status: number;
  statusChangedAt?: Date;
  approvalState?: ApprovalState;
  hasSuccessor?: boolean;
  proposalVersion?: number;
}

/** A contract with whose turn stored as lib/contracts/turn.ts decides it. */
export async function makeContract(spec: ContractSpec) {
  const approvalState = spec.approvalState ?? "NONE";
  return db().contract.create({
    data: {
      ...decideTurn({ status: spec.status, approvalState, hasSuccessor: spec.hasSuccessor }),
      approvalState,
      organizationId: spec.advisor.organizationId,
      advisorId: spec.advisor.id,
      clientId: spec.clientId,
      providerId: spec.providerId,
      productId: spec.productId ?? null,
      status: spec.status,
      remoteId: spec.status === 0 ? null : `ct_${token().slice(0, 16)}`,
      statusChangedAt: spec.statusChangedAt ?? new Date(),
      proposalVersion: spec.proposalVersion ?? (spec.status >= 130 ? 1 : 0),
      callbackToken: token(),
    },
    select: { id: true, statusChangedAt: true, status: true },
  });
}

export const hoursAgo = (hours: number, from = new Date()) => new Date(from.getTime() - hours * 3_600_000);
export const daysAgo = (days: number, from = new Date()) => hoursAgo(days * 24, from);
