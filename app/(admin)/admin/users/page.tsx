import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage-users";
import { getDefaultLocale } from "@/lib/organizations/default-locale";
import { isAppLocale } from "@/lib/i18n/locales";
import { formatterFor } from "@/lib/format";
import { Badge, Card, PageHeader, TableHead } from "@/components/ui/layout";
import { NewUserForm, UserRoleControl, UserStatusButton } from "@/components/shell/user-admin";
import { ReassignCard } from "@/components/office/reassign-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.page");
  return { title: t("title") };
}

export default async function UsersPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/users" });
  const [users, firmLocale, t, nav, languages, locale] = await Promise.all([listUsers(admin), getDefaultLocale(admin), getTranslations("users.page"), getTranslations("admin.nav"), getTranslations("common.language"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  return (
    <>
      <PageHeader title={t("title")} back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <table className="w-full text-left text-sm">
            <TableHead
              columns={[t("name"), t("role"), { label: t("language"), className: "hidden sm:table-cell" }, { label: t("lastSignIn"), className: "hidden md:table-cell" }]}
              actions={t("actions")}
            />
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="px-5 py-3">
                    <p className="font-medium">{user.name} {user.disabled ? <Badge tone="red">{t("disabled")}</Badge> : null}</p>
                    <p className="text-slate-600">{user.email}</p>
                  </td>
                  <td className="px-5 py-3">
                    {user.id === admin.id ? (
                      user.role === "ADMIN" ? <Badge tone="brand">{t("roleAdmin")}</Badge> : user.role === "BACK_OFFICE" ? <Badge tone="amber">{t("roleBackOffice")}</Badge> : <Badge>{t("roleAdvisor")}</Badge>
                    ) : (
                      <UserRoleControl userId={user.id} role={user.role} name={user.name} />
                    )}
                  </td>
                  <td className="hidden px-5 py-3 text-slate-600 sm:table-cell">
                    {isAppLocale(user.locale) ? languages(user.locale) : t("firmDefault", { language: languages(firmLocale) })}
                  </td>
                  <td className="hidden px-5 py-3 text-slate-600 md:table-cell">{user.lastSignInAt ? f.dateTime(user.lastSignInAt) : t("never")}</td>
                  <td className="px-5 py-3 text-right">{user.id === admin.id ? <span className="text-xs text-slate-600">{t("you")}</span> : <UserStatusButton userId={user.id} disabled={user.disabled} name={user.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t("addUser")} className="h-fit">
          <div className="p-5">
            <NewUserForm />
          </div>
        </Card>
      </div>
      <ReassignCard organizationId={admin.organizationId} users={users} />
    </>
  );
}
