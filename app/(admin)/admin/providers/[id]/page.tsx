import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getProvider, listFailedCallbacks, listProviderRequests, providerHasWebhookSecret } from "@/lib/providers/queries";
import { listProducts } from "@/lib/products/queries";
import { readWarningsOf } from "@/lib/sync/read-warnings";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { env } from "@/lib/env";
import { readStoredText, translateAll } from "@/lib/i18n/stored-text";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ProviderForm } from "@/components/provider-admin/provider-form";
import { ProviderSettingsForm } from "@/components/provider-admin/provider-settings-form";
import { CopyButton, EnabledToggle, RefreshProductsButton, RotateKeyButton, RotateWebhookSecretButton, TestConnectionButton } from "@/components/provider-admin/provider-controls";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("providers.detail");
  return { title: t("metaTitle") };
}

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
  const [[provider, products, requests, failedCallbacks, hasWebhookSecret, readWarnings], t, locale] = await Promise.all([load(admin.organizationId, id), getTranslations("providers.detail"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  const stored = (text: string | null) => readStoredText(text, locale);
  const productCursor = provider.syncCursors.find((cursor) => cursor.recordType === "product");
  const syncErrors = provider.syncCursors.filter((cursor) => cursor.lastError);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const paused = provider.pausedUntil && provider.pausedUntil.getTime() > now ? provider.pausedUntil : null;
  const disabledNote = provider.lastCheckOk ? t("disabledNote") : t("disabledNoteTest");

  return (
    <>
      <PageHeader
        back={<Link href="/admin/providers" className="text-slate-600 hover:underline">← {t("back")}</Link>}
        title={
          <span className="flex items-center gap-3">
            {provider.name} {provider.enabled ? <Badge tone="emerald">{t("enabled")}</Badge> : <Badge>{t("disabled")}</Badge>}
          </span>
        }
        description={
          provider.enabled ? (
            <>
              {provider.baseUrl} ·{" "}
              {t.rich("enabledNote", {
                minutes: env().SYNC_INTERVAL_MINUTES,
                health: (chunks) => <Link className="text-brand-700 underline hover:no-underline" href="/admin/sync">{chunks}</Link>,
              })}
            </>
          ) : (
            `${provider.baseUrl} · ${disabledNote}`
          )
        }
        actions={<EnabledToggle providerId={provider.id} enabled={provider.enabled} name={provider.name} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("connection.title")}>
            <div className="space-y-4 p-5">
              <p className="text-sm text-slate-600">
                {provider.lastCheckedAt ? (
                  <>
                    {t("connection.lastTested", { at: f.dateTime(provider.lastCheckedAt) })} {provider.lastCheckOk ? <Badge tone="emerald">{t("ok")}</Badge> : <Badge tone="red">{t("failed")}</Badge>}{" "}
                    <span className="text-slate-700">{provider.lastCheck ? translateAll(locale, provider.lastCheck) : null}</span>
                  </>
                ) : (
                  t("connection.notTested")
                )}
              </p>
              {paused ? (
                <p className="text-sm text-amber-800" role="status">
                  {t("connection.paused", { until: f.dateTime(paused), name: provider.name })}
                </p>
              ) : null}
              <TestConnectionButton providerId={provider.id} />
            </div>
          </Card>

          <Card title={t("errors.title")}>
            {syncErrors.length === 0 && failedCallbacks.total === 0 ? (
              <p className="p-5 text-sm text-slate-600">{t("errors.none")}</p>
            ) : (
              <div className="divide-y divide-slate-100 text-sm">
                {syncErrors.map((cursor) => (
                  <div key={cursor.recordType} className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {cursor.lastPullStartedAt ? t("errors.syncFailedAt", { type: cursor.recordType, at: f.dateTime(cursor.lastPullStartedAt) }) : t("errors.syncFailed", { type: cursor.recordType })}
                    </p>
                    <p className="mt-0.5 break-words text-red-700">{stored(cursor.lastError)}</p>
                    {cursor.lastSuccessAt ? <p className="mt-0.5 text-xs text-slate-600">{t("errors.lastSuccess", { at: f.dateTime(cursor.lastSuccessAt) })}</p> : null}
                  </div>
                ))}
                {failedCallbacks.total > 0 ? (
                  <div className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {t("errors.callbacksFailed", { count: failedCallbacks.total })}
                    </p>
                    <ul className="mt-1 space-y-1" aria-label={t("errors.failedCallbacks")}>
                      {failedCallbacks.rows.map((delivery) => (
                        <li key={delivery.id} className="text-xs">
                          <span className="text-slate-600">{f.dateTime(delivery.receivedAt)}</span>
                          {delivery.contractId ? (
                            <>
                              {" · "}
                              <Link href={`/contracts/${delivery.contractId}`} className="text-brand-700 hover:underline">{t("errors.contract")}</Link>
                            </>
                          ) : null}
                          {` · ${t("errors.attempts", { count: delivery.attempts })}`}
                          <span className="block break-words text-red-700">{stored(delivery.lastError) ?? t("errors.noError")}</span>
                        </li>
                      ))}
                    </ul>
                    <p className="mt-1 text-xs text-slate-600">
                      {t.rich("errors.replayFrom", { link: (chunks) => <Link href="/admin/integration" className="text-brand-700 underline hover:no-underline">{chunks}</Link> })}
                    </p>
                  </div>
                ) : null}
              </div>
            )}
          </Card>

          <Card title={t("shape.title")}>
            {readWarnings.length === 0 ? (
              <p className="p-5 text-sm text-slate-600">{t("shape.none")}</p>
            ) : (
              <div className="text-sm">
                <p className="px-5 pt-4 text-slate-600">
                  {t("shape.intro")}
                </p>
                <ul className="mt-2 divide-y divide-slate-100" aria-label={t("shape.label")}>
                  {readWarnings.map((warning) => (
                    <li key={warning.id} className="px-5 py-2">
                      <span className="font-mono text-xs text-slate-700">
                        {warning.recordType}.{warning.field}
                      </span>
                      <span className="text-slate-900"> {stored(warning.message)}</span>
                      <span className="block text-xs text-slate-600">
                        {t("shape.seen", { count: warning.count, at: f.dateTime(warning.lastSeenAt) })}
                        {warning.sampleId ? ` · ${t("shape.sample", { id: warning.sampleId })}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>

          <Card
            title={t("products.title", { count: products.length })}
            actions={<RefreshProductsButton providerId={provider.id} disabled={!provider.enabled} />}
          >
            {products.length === 0 ? (
              <EmptyState title={t("products.emptyTitle")}>
                {productCursor?.lastError ? t("products.lastRefreshFailed", { error: stored(productCursor.lastError) ?? "" }) : t("products.emptyText")}
              </EmptyState>
            ) : (
              <>
                <ul className="divide-y divide-slate-100" aria-label={t("products.label")}>
                  {products.map((product) => (
                    <li key={product.id} className="px-5 py-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900">{product.name}</span>
                        <Badge tone="brand">{product.line}</Badge>
                        <span className="text-xs text-slate-600">{t("products.fields", { required: product.fields.filter((field) => field.required).length, count: product.fields.length })}</span>
                      </div>
                      {product.description ? <p className="mt-0.5 text-slate-600">{product.description}</p> : null}
                    </li>
                  ))}
                </ul>
                {productCursor?.lastSuccessAt ? (
                  <p className="border-t border-slate-100 px-5 py-2.5 text-xs text-slate-600">
                    {t("products.lastRefreshed", { at: f.dateTime(productCursor.lastSuccessAt) })}
                    {productCursor.lastError ? <span className="text-red-700"> · {t("products.lastAttemptFailed", { error: stored(productCursor.lastError) ?? "" })}</span> : null}
                  </p>
                ) : null}
              </>
            )}
          </Card>

          <Card title={t("log.title")}>
            {requests.length === 0 ? (
              <EmptyState title={t("log.emptyTitle")}>{t("log.emptyText")}</EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-xs">
                  <thead className="bg-slate-50 uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">{t("log.time")}</th>
                      <th scope="col" className="px-4 py-2 font-medium">{t("log.request")}</th>
                      <th scope="col" className="px-4 py-2 font-medium">{t("log.status")}</th>
                      <th scope="col" className="px-4 py-2 text-right font-medium">{t("log.ms")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {requests.map((request) => (
                      <tr key={request.id} className="align-top">
                        <td className="whitespace-nowrap px-4 py-2 text-slate-600">{f.dateTime(request.at)}</td>
                        <td className="px-4 py-2">
                          <p className="break-all font-mono text-slate-800">
                            {request.method} {request.path}
                          </p>
                          {request.error ? <p className="mt-0.5 text-red-700">{request.error}</p> : null}
                          <p className="mt-0.5 font-mono text-[11px] text-slate-600" title={t("log.ids")}>
                            {request.requestId.slice(0, 8)} · {request.correlationId?.slice(0, 8)}
                            {request.idempotencyKey ? ` · ${t("log.key", { key: request.idempotencyKey.slice(0, 8) })}` : ""}
                          </p>
                        </td>
                        <td className="px-4 py-2">
                          <Badge tone={statusTone(request.status, request.error)}>{request.status === null ? t("log.noAnswer") : request.error && request.status < 300 ? t("log.unreadable", { status: request.status }) : request.status}</Badge>
                        </td>
                        <td className="px-4 py-2 text-right tabular-nums text-slate-600">{f.number(request.durationMs)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title={t("onboarding.title")}>
            <div className="space-y-3 p-5 text-sm text-slate-700">
              <ol className="list-decimal space-y-1 pl-5">
                <li>{t.rich(provider.keyId ? "onboarding.sendKeyWithId" : "onboarding.sendKey", { consumerId: provider.consumerId, keyId: provider.keyId ?? "", code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> })}</li>
                <li>{t.rich("onboarding.audience", { audience: provider.audience ?? "", code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> })}</li>
                <li>{provider.enabled ? t("onboarding.test") : t("onboarding.testThenEnable")}</li>
              </ol>
              <div className="flex items-center justify-between">
                <span className="text-xs font-medium uppercase tracking-wide text-slate-600" id="public-key-label">{t("onboarding.publicKey")}</span>
                <CopyButton text={provider.publicKeyPem} label={t("onboarding.copyPublicKey")} />
              </div>
              <pre aria-labelledby="public-key-label" className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 font-mono text-[11px] leading-snug text-slate-100">
                {provider.publicKeyPem}
              </pre>
              <RotateKeyButton providerId={provider.id} />
              <div className="border-t border-slate-100 pt-3">
                <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("onboarding.webhookSecret")}</p>
                <p className="mt-1 text-slate-600">
                  {!hasWebhookSecret
                    ? t("onboarding.secretNone")
                    : provider.acceptUnsignedCallbacks
                      ? t("onboarding.secretSetUnsigned")
                      : t("onboarding.secretSet")}
                </p>
                <div className="mt-2">
                  <RotateWebhookSecretButton providerId={provider.id} providerName={provider.name} />
                </div>
              </div>
            </div>
          </Card>
          <Card title={t("settingsTitle")}>
            <div className="p-5">
              <ProviderForm
                mode="edit"
                providerId={provider.id}
                initial={{ name: provider.name, baseUrl: provider.baseUrl, consumerId: provider.consumerId, audience: provider.audience ?? "", keyId: provider.keyId ?? "", allowPrivateNetwork: provider.allowPrivateNetwork }}
              />
            </div>
          </Card>
          <Card title={t("limitsTitle")}>
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
