"use client";

import { signOut } from "next-auth/react";
import { useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { signOutEverywhereAction } from "@/app/(advisor)/account-actions";

export function UserMenu({ name, email, organization, role }: { name: string; email: string; organization: string; role: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useDismiss(ref, open, () => setOpen(false));

  const initials = name.split(/\s+/).map((part) => part[0]).join("").slice(0, 2).toUpperCase();

  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-slate-100"
      >
        <span className="grid size-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">{initials}</span>
        <span className="hidden text-left leading-tight md:block">
          <span className="block font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-500">{organization}</span>
        </span>
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 mt-2 w-64 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200">
          <div className="px-3 py-2 text-xs text-slate-500">
            Signed in as <span className="font-medium text-slate-800">{email}</span>
            <br />
            {role === "ADMIN" ? "Administrator" : "Advisor"} · {organization}
          </div>
          <button role="menuitem" type="button" disabled={busy} className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100" onClick={() => signOut({ callbackUrl: "/login" })}>
            Sign out
          </button>
          <button
            role="menuitem"
            type="button"
            disabled={busy}
            className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100"
            onClick={async () => {
              setBusy(true);
              await signOutEverywhereAction();
              await signOut({ callbackUrl: "/login" });
            }}
          >
            Sign out everywhere
            <span className="block text-xs text-slate-500">Ends your sessions on every device</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
