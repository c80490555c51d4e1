import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { getRetentionSettings } from "@/lib/privacy/settings";
import { Card } from "@/components/ui/layout";
import { RetentionSettingsForm } from "./retention-settings-form";

/** Admin settings: the retention periods for data-subject erasures and the retention job. */
export async function RetentionSettings({ admin }: { admin: Pick<SessionUser, "organizationId"> }) {
  const [settings, t] = await Promise.all([getRetentionSettings(admin.organizationId), getTranslations("privacy.settings")]);
  return (
    <Card title={t("title")}>
      <div className="p-5">
        <RetentionSettingsForm initial={settings} />
      </div>
    </Card>
  );
}
