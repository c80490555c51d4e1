import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";
import { NotificationBell } from "./notification-bell";
import { LiveUpdates } from "@/components/live/live-updates";
import { TasksNavLink } from "@/components/tasks/tasks-nav-link";

export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations("shell");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2">
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-brand-900">
            <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
              <rect width="32" height="32" rx="8" className="fill-brand-600" />
              <path d="M10 9h8a5 5 0 0 1 0 10h-4v4h-4V9Zm4 4v2h4a1 1 0 0 0 0-2h-4Z" fill="white" />
            </svg>
            <span className="hidden sm:inline">Proposal Desk</span>
          </Link>
          <nav aria-label={t("nav.label")} className="flex items-center gap-1">
            <NavLink href="/" exact>
              {t("nav.pipeline")}
            </NavLink>
            <NavLink href="/clients">{t("nav.clients")}</NavLink>
            <TasksNavLink user={user} />
            <NavLink href="/reports">{t("nav.reports")}</NavLink>
            {user.role === "ADMIN" ? <NavLink href="/admin">{t("nav.admin")}</NavLink> : null}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell />
            <UserMenu name={user.name} email={user.email} organization={user.organizationName} role={user.role} locale={user.locale} />
          </div>
        </div>
      </header>
      <LiveUpdates />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
