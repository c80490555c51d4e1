import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getProvider, listFailedCallbacks, listProviderRequests, providerHasWebhookSecret } from "@/lib/providers/queries";
import { listProducts } from "@/lib/products/queries";
import { readWarningsOf } from "@/lib/sync/read-warnings";
import { formatDateTime } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ProviderForm } from "@/components/provider-admin/provider-form";
import { ProviderSettingsForm } from "@/components/provider-admin/provider-settings-form";
import { CopyButton, EnabledToggle, RefreshProductsButton, RotateKeyButton, RotateWebhookSecretButton, TestConnectionButton } from "@/components/provider-admin/provider-controls";

export const metadata: Metadata = { title: "Provider" };

async function load(organizationId: string, id: string) {
  try {
    return await Promise.all([
      getProvider({ organizationId }, id),
      listProducts({ organizationId }, id),
      listProviderRequests({ organizationId }, id, 50),
      listFailedCallbacks({ organizationId }, id, 10),
      providerHasWebhookSecret({ organizationId }, id),
      readWarningsOf({ organizationId }, id),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A 200 whose body could not be read carries an error: it is shown red, not green. */
function statusTone(status: number | null, error: string | null): "emerald" | "amber" | "red" {
  if (status === null || status >= 500) return "red";
  if (error && status < 300) return "red";
  if (status >= 400) return "amber";
  return "emerald";
}

export default async function ProviderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requirePageUser({ admin: true, next: `/admin/providers/${id}` });
  const [provider, products, requests, failedCallbacks, hasWebhookSecret, readWarnings] = await load(admin.organizationId, id);
  const productCursor = provider.syncCursors.find((cursor) => cursor.recordType === "product");
  const syncErrors = provider.syncCursors.filter((cursor) => cursor.lastError);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const paused = provider.pausedUntil && provider.pausedUntil.getTime() > now ? provider.pausedUntil : null;
  const disabledNote = provider.lastCheckOk
    ? "Disabled: no proposals, syncs or refreshes go to this provider."
    : "Disabled: no proposals, syncs or refreshes go to this provider. Test the connection; once it passes, enable it.";

  return (
    <>
      <PageHeader
        back={<Link href="/admin/providers" className="text-slate-600 hover:underline">← Providers</Link>}
        title={
          <span className="flex items-center gap-3">
            {provider.name} {provider.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}
          </span>
        }
        description={provider.enabled ? provider.baseUrl : `${provider.baseUrl} · ${disabledNote}`}
        actions={<EnabledToggle providerId={provider.id} enabled={provider.enabled} name={provider.name} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Connection">
            <div className="space-y-4 p-5">
              <p className="text-sm text-slate-600">
                {provider.lastCheckedAt ? (
                  <>
                    Last tested {formatDateTime(provider.lastCheckedAt)}: {provider.lastCheckOk ? <Badge tone="emerald">OK</Badge> : <Badge tone="red">Failed</Badge>}{" "}
                    <span className="text-slate-700">{provider.lastCheckMessage}</span>
                  </>
                ) : (
                  "Not tested yet. Once the provider has our public key, test the connection."
                )}
              </p>
              {paused ? (
                <p className="text-sm text-amber-800" role="status">
                  Paused until {formatDateTime(paused)}: {provider.name} asked us to wait (Retry-After). Every request to it waits or fails fast until then.
                </p>
              ) : null}
              <TestConnectionButton providerId={provider.id} />
            </div>
          </Card>

          <Card title="Sync and callback errors">
            {syncErrors.length === 0 && failedCallbacks.total === 0 ? (
              <p className="p-5 text-sm text-slate-600">No sync or callback errors.</p>
            ) : (
              <div className="divide-y divide-slate-100 text-sm">
                {syncErrors.map((cursor) => (
                  <div key={cursor.recordType} className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      Sync of {cursor.recordType} records failed{cursor.lastPullStartedAt ? ` (${formatDateTime(cursor.lastPullStartedAt)})` : ""}
                    </p>
                    <p className="mt-0.5 break-words text-red-700">{cursor.lastError}</p>
                    {cursor.lastSuccessAt ? <p className="mt-0.5 text-xs text-slate-500">Last success {formatDateTime(cursor.lastSuccessAt)}</p> : null}
                  </div>
                ))}
                {failedCallbacks.total > 0 ? (
                  <div className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {failedCallbacks.total} callback{failedCallbacks.total === 1 ? "" : "s"} could not be processed
                    </p>
                    <ul className="mt-1 space-y-1" aria-label="Failed callbacks">
                      {failedCallbacks.rows.map((delivery) => (
                        <li key={delivery.id} className="text-xs">
                          <span className="text-slate-600">{formatDateTime(delivery.receivedAt)}</span>
                          {delivery.contractId ? (
                            <>
                              {" · "}
                              <Link href={`/contracts/${delivery.contractId}`} className="text-brand-700 hover:underline">contract</Link>
                            </>
                          ) : null}
                          {` · ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`}
                          <span className="block break-words text-red-700">{delivery.lastError ?? "No error recorded."}</span>
                        </li>
                      ))}
                    </ul>
                    <p className="mt-1 text-xs text-slate-500">
                      Replay them from the <Link href="/admin/integration" className="text-brand-700 hover:underline">integration log</Link>.
                    </p>
                  </div>
                ) : null}
              </div>
            )}
          </Card>

          <Card title="How this provider's data differs">
            {readWarnings.length === 0 ? (
              <p className="p-5 text-sm text-slate-600">Everything this provider sent so far was in the shape we expect.</p>
            ) : (
              <div className="text-sm">
                <p className="px-5 pt-4 text-slate-600">
                  Read and kept all the same: a field in another shape is normalised where its meaning is plain and kept raw otherwise; a record without an id or status is skipped.
                </p>
                <ul className="mt-2 divide-y divide-slate-100" aria-label="Shape warnings">
                  {readWarnings.map((warning) => (
                    <li key={warning.id} className="px-5 py-2">
                      <span className="font-mono text-xs text-slate-700">
                        {warning.recordType}.{warning.field}
                      </span>
                      <span className="text-slate-900"> {warning.message}</span>
                      <span className="block text-xs text-slate-500">
                        {warning.count} time{warning.count === 1 ? "" : "s"}, last {formatDateTime(warning.lastSeenAt)}
                        {warning.sampleId ? ` · e.g. record ${warning.sampleId}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>

          <Card
            title={`Products (${products.length})`}
            actions={<RefreshProductsButton providerId={provider.id} disabled={!provider.enabled} />}
          >
            {products.length === 0 ? (
              <EmptyState title="No products loaded">
                {productCursor?.lastError ? `The last refresh failed: ${productCursor.lastError}` : "Refresh products to load this provider's catalogue."}
              </EmptyState>
            ) : (
              <>
                <ul className="divide-y divide-slate-100" aria-label="Products">
                  {products.map((product) => (
                    <li key={product.id} className="px-5 py-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900">{product.name}</span>
                        <Badge tone="brand">{product.line}</Badge>
                        <span className="text-xs text-slate-500">{product.fields.filter((f) => f.required).length} required of {product.fields.length} fields</span>
                      </div>
                      {product.description ? <p className="mt-0.5 text-slate-600">{product.description}</p> : null}
                    </li>
                  ))}
                </ul>
                {productCursor?.lastSuccessAt ? (
                  <p className="border-t border-slate-100 px-5 py-2.5 text-xs text-slate-500">
                    Last refreshed {formatDateTime(productCursor.lastSuccessAt)}
                    {productCursor.lastError ? <span className="text-red-700"> · Last attempt failed: {productCursor.lastError}</span> : null}
                  </p>
                ) : null}
              </>
            )}
          </Card>

          <Card title="Integration log (last 50 requests)">
            {requests.length === 0 ? (
              <EmptyState title="No requests yet">Every request to this provider is recorded here, without tokens or keys.</EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-xs">
                  <thead className="bg-slate-50 uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">Time</th>
                      <th scope="col" className="px-4 py-2 font-medium">Request</th>
                      <th scope="col" className="px-4 py-2 font-medium">Status</th>
                      <th scope="col" className="px-4 py-2 text-right font-medium">ms</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {requests.map((request) => (
                      <tr key={request.id} className="align-top">
                        <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTime(request.at)}</td>
                        <td className="px-4 py-2">
                          <p className="break-all font-mono text-slate-800">
                            {request.method} {request.path}
                          </p>
                          {request.error ? <p className="mt-0.5 text-red-700">{request.error}</p> : null}
                          <p className="mt-0.5 font-mono text-[11px] text-slate-400" title="Request id / correlation id">
                            {request.requestId.slice(0, 8)} · {request.correlationId?.slice(0, 8)}
                            {request.idempotencyKey ? ` · key ${request.idempotencyKey.slice(0, 8)}` : ""}
                          </p>
                        </td>
                        <td className="px-4 py-2">
                          <Badge tone={statusTone(request.status, request.error)}>{request.status === null ? "no answer" : request.error && request.status < 300 ? `${request.status} unreadable` : request.status}</Badge>
                        </td>
                        <td className="px-4 py-2 text-right tabular-nums text-slate-600">{request.durationMs}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title="Onboarding">
            <div className="space-y-3 p-5 text-sm text-slate-700">
              <ol className="list-decimal space-y-1 pl-5">
                <li>Send the provider this public key and our consumer id <code className="rounded bg-slate-100 px-1">{provider.consumerId}</code>{provider.keyId ? <> with key id <code className="rounded bg-slate-100 px-1">{provider.keyId}</code></> : null}.</li>
                <li>Ask them for the audience their tokens need (now: <code className="rounded bg-slate-100 px-1">{provider.audience}</code>, the host of the base URL unless you set another) and give them the webhook secret shown when you registered them (or generate a new one below) so they can sign callbacks.</li>
                <li>Test the connection{provider.enabled ? "" : ", then enable the provider"}.</li>
              </ol>
              <div className="flex items-center justify-between">
                <span className="text-xs font-medium uppercase tracking-wide text-slate-500" id="public-key-label">Public key (RS256)</span>
                <CopyButton text={provider.publicKeyPem} label="Copy public key" />
              </div>
              <pre aria-labelledby="public-key-label" className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 font-mono text-[11px] leading-snug text-slate-100">
                {provider.publicKeyPem}
              </pre>
              <RotateKeyButton providerId={provider.id} />
              <div className="border-t border-slate-100 pt-3">
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Webhook secret</p>
                <p className="mt-1 text-slate-600">
                  {!hasWebhookSecret
                    ? "None: callbacks are accepted unsigned; the callback token in each contract's URL carries the trust."
                    : provider.acceptUnsignedCallbacks
                      ? "Set (never shown again). Signed callbacks are checked; unsigned ones are accepted by your choice, trusted through each contract's callback token."
                      : "Set (never shown again). Callbacks without a valid signature are refused."}
                </p>
                <div className="mt-2">
                  <RotateWebhookSecretButton providerId={provider.id} providerName={provider.name} />
                </div>
              </div>
            </div>
          </Card>
          <Card title="Settings">
            <div className="p-5">
              <ProviderForm
                mode="edit"
                providerId={provider.id}
                initial={{ name: provider.name, baseUrl: provider.baseUrl, consumerId: provider.consumerId, audience: provider.audience ?? "", keyId: provider.keyId ?? "", allowPrivateNetwork: provider.allowPrivateNetwork }}
              />
            </div>
          </Card>
          <Card title="Limits and callbacks">
            <div className="p-5">
              <ProviderSettingsForm
                providerId={provider.id}
                initial={{
                  timeoutMs: provider.timeoutMs,
                  requestsPerSecond: provider.requestsPerSecond,
                  idChunkSizeOverride: provider.idChunkSizeOverride,
                  idChunkSizeLearned: provider.idChunkSizeLearned,
                  acceptUnsignedCallbacks: provider.acceptUnsignedCallbacks,
                  hasWebhookSecret,
                }}
              />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
