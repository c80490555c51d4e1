import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { SignInForm } from "@/components/shell/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await getSessionUser()) redirect(safeNextPath(params.next));
  return (
    <main className="grid min-h-screen lg:grid-cols-[1.1fr_1fr]">
      <section className="relative hidden overflow-hidden bg-brand-900 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div className="flex items-center gap-2.5 text-lg font-semibold">
          <Logo /> Proposal Desk
        </div>
        <div className="max-w-md">
          <p className="text-3xl font-semibold leading-tight">From the first client call to an active contract.</p>
          <p className="mt-4 text-brand-100">
            Capture the client, request the proposal from the provider, get the customer&apos;s approval and order — and watch every status change arrive live.
          </p>
        </div>
        <ol className="flex gap-3 text-xs text-brand-100" aria-label="The proposal flow">
          {["Capture", "Proposal", "Approval", "Order", "Active"].map((step, index) => (
            <li key={step} className="flex items-center gap-2">
              <span className="grid size-6 place-items-center rounded-full bg-white/10 font-semibold">{index + 1}</span>
              {step}
            </li>
          ))}
        </ol>
      </section>
      <section className="flex items-center justify-center px-6 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex items-center gap-2.5 text-lg font-semibold text-brand-900 lg:hidden">
            <Logo /> Proposal Desk
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">Use the email address your firm registered for you.</p>
          <div className="mt-8">
            <SignInForm next={safeNextPath(params.next)} initialError={typeof params.error === "string" ? params.error : undefined} />
          </div>
        </div>
      </section>
    </main>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-brand-500" />
      <path d="M10 9h8a5 5 0 0 1 0 10h-4v4h-4V9Zm4 4v2h4a1 1 0 0 0 0-2h-4Z" fill="white" />
    </svg>
  );
}
