import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6">
      <div className="text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
        <p className="mt-2 text-sm text-slate-600">It may have been removed, or it belongs to someone else&apos;s workspace.</p>
        <Link href="/" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">
          Back to your pipeline
        </Link>
      </div>
    </main>
  );
}
