"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { ownedClientsAction, reassignClientsAction } from "./actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { useMsg } from "@/components/i18n/use-msg";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";

interface UserChoice {
  id: string;
  name: string;
  disabled: boolean;
  clients: number;
}

type Owned = { id: string; displayName: string; contracts: number };

/**
 * Moves a departing advisor's clients (all, or the ones chosen) with their contracts to another
 * user, after a confirmation. The departing advisor can be disabled afterwards in the list above.
 */
export function ReassignClients({ users }: { users: UserChoice[] }) {
  const t = useTranslations("office.reassign");
  const translate = useMsg();
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [scope, setScope] = useState<"all" | "selected">("all");
  const [owned, setOwned] = useState<{ ownerId: string; clients: Owned[] } | { ownerId: string; error: string } | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  const fromUser = users.find((user) => user.id === from);
  const toUser = users.find((user) => user.id === to);

  // The departing user's clients, loaded when "only the clients I choose" is wanted.
  useEffect(() => {
    if (scope !== "selected" || !from || owned?.ownerId === from) return;
    let stale = false;
    ownedClientsAction(from)
      .then((result) => {
        if (stale) return;
        setOwned(result.ok ? { ownerId: from, clients: result.data } : { ownerId: from, error: translate(result.error) });
        setChosen(new Set());
      })
      .catch(() => !stale && setOwned({ ownerId: from, error: translate("common.errors.unreachable") }));
    return () => {
      stale = true;
    };
  }, [scope, from, owned?.ownerId, translate]);

  const loaded = owned && owned.ownerId === from ? owned : null;

  function validate(): boolean {
    const errors: Record<string, string[]> = {};
    if (!from) errors.fromUserId = [t("errors.chooseFrom")];
    if (!to) errors.toUserId = [t("errors.chooseTo")];
    else if (to === from) errors.toUserId = [t("errors.sameUser")];
    if (scope === "selected" && chosen.size === 0) errors.clientIds = [t("chooseClients")];
    setFieldErrors(errors);
    return Object.keys(errors).length === 0;
  }

  function submit() {
    const input = { fromUserId: from, toUserId: to, clientIds: scope === "selected" ? [...chosen] : undefined };
    const toName = toUser?.name ?? "";
    run(
      () => reassignClientsAction(input),
      (result) => {
        setConfirming(false);
        setOwned(null);
        setChosen(new Set());
        setFrom("");
        setTo("");
        setScope("all");
        return t("done", { clients: result.clients, contracts: result.contracts, to: toName });
      },
    );
  }

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        setMessage(undefined);
        if (validate()) setConfirming(true);
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="reassign-from" label={t("from")} error={fieldErrors.fromUserId}>
          {(props) => (
            <select
              {...props}
              value={from}
              onChange={(event) => {
                setFrom(event.currentTarget.value);
                setConfirming(false);
              }}
            >
              <option value="">{t("chooseUser")}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {t("userOption", { name: user.name, count: user.clients })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="reassign-to" label={t("to")} error={fieldErrors.toUserId}>
          {(props) => (
            <select
              {...props}
              value={to}
              onChange={(event) => {
                setTo(event.currentTarget.value);
                setConfirming(false);
              }}
            >
              <option value="">{t("chooseUser")}</option>
              {users
                .filter((user) => !user.disabled && user.id !== from)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {t("userOption", { name: user.name, count: user.clients })}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("scope")}</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {(["all", "selected"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="reassign-scope"
                value={value}
                checked={scope === value}
                onChange={() => {
                  setScope(value);
                  setConfirming(false);
                }}
                className="size-4 accent-brand-600"
              />
              {value === "all" ? t("scopeAll") : t("scopeSelected")}
            </label>
          ))}
        </div>
      </fieldset>
      {scope === "selected" && from ? (
        <fieldset aria-describedby={fieldErrors.clientIds ? "reassign-clients-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">{t("clientsLegend", { name: fromUser?.name ?? "" })}</legend>
          {!loaded ? (
            <p className="mt-2 flex items-center gap-2 text-sm text-slate-600" role="status">
              <Spinner /> {t("loading")}
            </p>
          ) : "error" in loaded ? (
            <p className="mt-2 text-sm text-red-700" role="alert">
              {loaded.error}
            </p>
          ) : loaded.clients.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("noClients")}</p>
          ) : (
            <ul className="mt-2 max-h-64 space-y-1.5 overflow-y-auto rounded-lg p-3 text-sm ring-1 ring-inset ring-slate-200">
              {loaded.clients.map((client) => (
                <li key={client.id}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={chosen.has(client.id)}
                      onChange={(event) => {
                        const next = new Set(chosen);
                        if (event.currentTarget.checked) next.add(client.id);
                        else next.delete(client.id);
                        setChosen(next);
                        setConfirming(false);
                      }}
                      className="size-4 accent-brand-600"
                    />
                    {t("clientOption", { name: client.displayName, count: client.contracts })}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {fieldErrors.clientIds ? (
            <p id="reassign-clients-error" className="mt-1 text-sm text-red-700">
              {fieldErrors.clientIds.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {confirming && fromUser && toUser ? (
        <div className="space-y-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" role="alertdialog" aria-labelledby="reassign-confirm-text">
          <p id="reassign-confirm-text">
            {t("confirm", { scope: scope === "all" ? t("confirmAll") : t("confirmSelected", { count: chosen.size }), from: fromUser.name, to: toUser.name })}
          </p>
          <div className="flex gap-2">
            <Button type="button" onClick={submit} disabled={pending} autoFocus>
              {pending ? <Spinner /> : null} {t("submit")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" disabled={pending}>
          {t("submit")}
        </Button>
      )}
    </form>
  );
}
