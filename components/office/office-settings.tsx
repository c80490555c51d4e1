import { getTranslations } from "next-intl/server";
import { getOfficeSettings } from "@/lib/tasks/office-settings";
import { Card } from "@/components/ui/layout";
import { OfficeSettingsForm } from "./office-settings-form";

/** The firm's task and reminder settings, as a card on the admin settings page. */
export async function OfficeSettingsCard({ organizationId }: { organizationId: string }) {
  const [settings, t] = await Promise.all([getOfficeSettings(organizationId), getTranslations("office.settings")]);
  return (
    <Card title={t("title")}>
      <div className="p-5">
        <p className="mb-5 text-sm text-slate-600">{t("description")}</p>
        <OfficeSettingsForm initial={settings} />
      </div>
    </Card>
  );
}
