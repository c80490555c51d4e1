"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useFormat } from "@/components/i18n/use-format";
import { queryKeys } from "@/components/live/query-keys";

/** Titles and bodies come in the reader's language (the server translates stored messages). */
interface NotificationList {
  unread: number;
  items: Array<{ id: string; title: string; body: string | null; contractId: string | null; readAt: string | null; createdAt: string }>;
}

async function fetchNotifications(): Promise<NotificationList> {
  const response = await fetch("/api/notifications", { cache: "no-store" });
  if (!response.ok) throw new Error(`notifications: HTTP ${response.status}`);
  return response.json() as Promise<NotificationList>;
}

export function NotificationBell() {
  const t = useTranslations("shell.notifications");
  const f = useFormat();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // The language is part of the key: after switching, the list is read again in the new one.
  const { data, isError } = useQuery({ queryKey: [...queryKeys.notifications, locale], queryFn: fetchNotifications });
  const markRead = useMutation({
    mutationFn: () => fetch("/api/notifications/read", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });

  useDismiss(ref, open, () => setOpen(false));

  const unread = data?.unread ?? 0;
  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={unread ? t("labelUnread", { count: unread }) : t("label")}
        onClick={() => setOpen((value) => !value)}
        className="relative grid size-9 place-items-center rounded-full text-slate-600 hover:bg-slate-100"
      >
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8Z" />
          <path d="M10 20a2 2 0 0 0 4 0" />
        </svg>
        {unread ? <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white">{unread > 99 ? "99+" : unread}</span> : null}
      </button>
      {open ? (
        <div role="dialog" aria-label={t("label")} className="absolute right-0 z-40 mt-2 w-80 rounded-xl bg-white shadow-lg ring-1 ring-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
            <p className="text-sm font-semibold">{t("label")}</p>
            {unread ? (
              <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => markRead.mutate()} disabled={markRead.isPending}>
                {t("markAllRead")}
              </button>
            ) : null}
          </div>
          {isError ? <p className="px-4 py-6 text-center text-sm text-red-700">{t("loadFailed")}</p> : null}
          {data && data.items.length === 0 ? <p className="px-4 py-6 text-center text-sm text-slate-600">{t("empty")}</p> : null}
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {data?.items.map((item) => (
              <li key={item.id}>
                <Link href={item.contractId ? `/contracts/${item.contractId}` : "#"} onClick={() => setOpen(false)} className={`block px-4 py-3 text-sm hover:bg-slate-50 ${item.readAt ? "" : "bg-brand-50/60"}`}>
                  <span className="block font-medium text-slate-900">{item.title}</span>
                  {item.body ? <span className="block text-slate-600">{item.body}</span> : null}
                  <span className="block text-xs text-slate-600">{f.dateTime(item.createdAt)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
