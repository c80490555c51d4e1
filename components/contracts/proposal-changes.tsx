import { useTranslations } from "next-intl";
import type { FieldChange } from "@/lib/contracts/proposal-diff";

/** What changed from one proposal version to the next, field by field; for the advisor and the customer alike. */
export function ProposalChanges({ changes, from, to }: { changes: FieldChange[]; from: number; to: number }) {
  const t = useTranslations("contracts.changes");
  if (changes.length === 0) {
    return <p className="text-sm text-slate-600">{t("same", { from, to })}</p>;
  }
  return (
    // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("region", { from, to })}>
      <table className="w-full min-w-[20rem] text-left text-sm" data-testid={`changes-v${from}-v${to}`}>
        <caption className="sr-only">
          {t("caption", { from, to })}
        </caption>
        <thead className="text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              {t("what")}
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              {t("version", { version: from })}
            </th>
            <th scope="col" className="py-1.5 font-medium">
              {t("version", { version: to })}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {changes.map((change) => (
            <tr key={change.name}>
              <th scope="row" className="py-2 pr-3 font-medium text-slate-700">
                {change.label}
              </th>
              <td className="py-2 pr-3 text-slate-600">
                <del className="decoration-slate-400">{change.before}</del>
              </td>
              <td className="py-2 font-medium text-slate-900">
                <ins className="no-underline">{change.after}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
