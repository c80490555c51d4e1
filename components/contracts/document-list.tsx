import { useTranslations } from "next-intl";
import type { ContractView } from "@/lib/contracts/contract-view";


const KINDS = new Set(["PROPOSAL", "POLICY", "OTHER"]);

export function DocumentList({ contractId, documents }: { contractId: string; documents: ContractView["documents"] }) {
  const t = useTranslations("contracts.documents");
  if (documents.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {documents.map((document) => (
        <li key={document.id} className="px-5 py-3">
          <p className="font-medium text-slate-900">
            {KINDS.has(document.kind) ? t(`kinds.${document.kind}`) : document.kind}
            {document.proposalVersion ? ` v${document.proposalVersion}` : ""}
            <span className="font-normal text-slate-600"> · {t("size", { kb: document.sizeKb })}</span>
          </p>
          <p className="truncate text-xs text-slate-600" title={`SHA-256 ${document.sha256}`}>
            {document.atLabel} · SHA-256 {document.sha256.slice(0, 12)}…
          </p>
          <p className="mt-1 flex gap-3">
            <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${contractId}/documents/${document.id}`} target="_blank" rel="noreferrer">
              {t("view")}
            </a>
            <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${contractId}/documents/${document.id}?download=1`}>
              {t("download")}
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}
