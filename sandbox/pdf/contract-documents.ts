/** The proposal and the policy document of a contract, as real PDFs. */
import type { ProductDefinition } from "../catalogue/products";
import { renderDocument } from "./document";

export interface DocumentInput {
  contractId: string;
  product: ProductDefinition;
  holderName: string;
  premium: { amount: number; currency: string; interval: string };
  data: Record<string, unknown>;
  proposalVersion: number;
  /** The large-document fault: pad the PDF to at least this many bytes. */
  minBytes?: number;
}

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

function fieldRows(input: DocumentInput): [string, string][] {
  return input.product.fields
    .filter((field) => field.name !== "startDate" && input.data[field.name] !== undefined && input.data[field.name] !== null)
    .map((field) => [field.label, String(input.data[field.name])]);
}

export function renderProposalPdf(input: DocumentInput): Promise<Buffer> {
  return renderDocument({
    title: `Proposal: ${input.product.name}`,
    subtitle: `Proposal version ${input.proposalVersion} for contract ${input.contractId}`,
    rows: [
      ["Policy holder", input.holderName],
      ["Product", `${input.product.name} (${input.product.line})`],
      ["Start date", String(input.data.startDate ?? "-")],
      ["Premium", `${money(input.premium.amount, input.premium.currency)} ${input.premium.interval}`],
      ["Proposal version", String(input.proposalVersion)],
      ["Contract id", input.contractId],
      ...fieldRows(input),
    ],
    paragraphs: [
      input.product.description,
      "This proposal is valid for 30 days. The contract comes into force once the order has been reviewed and accepted; " +
        "the policy document follows. This is a sandbox document without legal effect.",
    ],
    footer: `FiNUM Sandbox Insurance - proposal ${input.contractId} v${input.proposalVersion}`,
    minBytes: input.minBytes,
  });
}

export function renderPolicyPdf(input: DocumentInput & { contractNumber: string }): Promise<Buffer> {
  return renderDocument({
    title: `Policy: ${input.product.name}`,
    subtitle: `Contract number ${input.contractNumber}`,
    rows: [
      ["Policy holder", input.holderName],
      ["Contract number", input.contractNumber],
      ["Product", `${input.product.name} (${input.product.line})`],
      ["Start date", String(input.data.startDate ?? "-")],
      ["Premium", `${money(input.premium.amount, input.premium.currency)} ${input.premium.interval}`],
      ["Based on proposal", `version ${input.proposalVersion}`],
      ...fieldRows(input),
    ],
    paragraphs: ["The contract is in force from the start date under the general terms of the product. This is a sandbox document without legal effect."],
    footer: `FiNUM Sandbox Insurance - policy ${input.contractNumber}`,
  });
}
