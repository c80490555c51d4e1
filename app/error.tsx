"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">Something went wrong on our side</h1>
        <p className="mt-2 text-sm text-slate-600">
          The problem has been logged. {error.digest ? <>If you contact support, quote reference <code className="rounded bg-slate-100 px-1">{error.digest}</code>.</> : null}
        </p>
        <button onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Try again
        </button>
      </div>
    </main>
  );
}
