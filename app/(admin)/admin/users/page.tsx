import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage-users";
import { formatDateTime } from "@/lib/format";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { NewUserForm, UserStatusButton } from "@/components/shell/user-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/users" });
  const users = await listUsers(admin);
  return (
    <>
      <PageHeader title="Users" back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>} description="Disabling a user ends all of their sessions at once." />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">Name</th>
                <th scope="col" className="px-5 py-2.5 font-medium">Role</th>
                <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">Last sign-in</th>
                <th scope="col" className="px-5 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="px-5 py-3">
                    <p className="font-medium">{user.name} {user.disabled ? <Badge tone="red">Disabled</Badge> : null}</p>
                    <p className="text-slate-500">{user.email}</p>
                  </td>
                  <td className="px-5 py-3">{user.role === "ADMIN" ? <Badge tone="brand">Admin</Badge> : <Badge>Advisor</Badge>}</td>
                  <td className="hidden px-5 py-3 text-slate-600 md:table-cell">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</td>
                  <td className="px-5 py-3 text-right">{user.id === admin.id ? <span className="text-xs text-slate-400">You</span> : <UserStatusButton userId={user.id} disabled={user.disabled} name={user.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Add a user" className="h-fit">
          <div className="p-5">
            <NewUserForm />
          </div>
        </Card>
      </div>
    </>
  );
}
