import { getTranslations } from "next-intl/server";
import { clientCountsByOwner } from "@/lib/users/reassign-clients";
import { Card } from "@/components/ui/layout";
import { ReassignClients } from "./reassign-clients";

/** The users page's "reassign clients" card: everyone who owns clients or could take them over. */
export async function ReassignCard({ organizationId, users }: { organizationId: string; users: Array<{ id: string; name: string; disabled: boolean }> }) {
  const [counts, t] = await Promise.all([clientCountsByOwner(organizationId), getTranslations("office.reassign")]);
  return (
    <div className="mt-6 max-w-3xl">
      <Card title={t("title")}>
        <div className="space-y-5 p-5">
          <p className="text-sm text-slate-600">{t("description")}</p>
          <ReassignClients users={users.map((user) => ({ id: user.id, name: user.name, disabled: user.disabled, clients: counts[user.id] ?? 0 }))} />
        </div>
      </Card>
    </div>
  );
}
