"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { queryKeys } from "./query-keys";
import { screenUpdatesItself } from "./live-screen";

type Connection = "connecting" | "open" | "reconnecting";

/**
 * Keeps every open screen current: one EventSource per tab on /api/events. A contract event
 * re-fetches that contract's query at once (the contract page renders from it) and invalidates
 * the other contract queries; screens still rendered on the server (the pipeline, the client
 * page) are refreshed once per burst. The browser reconnects by itself and resumes with
 * Last-Event-ID; the small indicator says when the page is live and when it is catching up.
 */
export function LiveUpdates() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    const source = new EventSource("/api/events");
    let wasOpen = false;
    // Several events in a burst (a callback storm) cause one server refresh.
    const refreshServerScreen = () => {
      if (screenUpdatesItself()) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => router.refresh(), 150);
    };
    const onContract = (event: MessageEvent<string>) => {
      let contractId: string | undefined;
      try {
        contractId = (JSON.parse(event.data) as { contractId?: string }).contractId;
      } catch {
        contractId = undefined;
      }
      void queryClient.invalidateQueries({ queryKey: contractId ? queryKeys.contract(contractId) : queryKeys.contracts });
      refreshServerScreen();
    };
    const onAll = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contracts });
      refreshServerScreen();
    };
    const onNotification = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
    const onResync = () => {
      void queryClient.invalidateQueries();
      refreshServerScreen();
    };
    const onSessionEnded = () => {
      source.close();
      router.replace("/login");
      router.refresh();
    };
    source.addEventListener("contract.updated", onContract);
    source.addEventListener("contracts.updated", onAll);
    source.addEventListener("notification.created", onNotification);
    source.addEventListener("resync", onResync);
    source.addEventListener("session-ended", onSessionEnded);
    const show = (state: Connection) => {
      setConnection(state);
      document.documentElement.dataset.live = state;
    };
    show("connecting");
    source.onopen = () => {
      // Back after a gap: what was missed is replayed from Last-Event-ID, but re-read anyway.
      // The first connection re-reads the live queries: an event sent between the page's
      // render and this connection would otherwise be missed.
      if (wasOpen) onResync();
      else void queryClient.invalidateQueries();
      wasOpen = true;
      show("open");
    };
    source.onerror = () => show("reconnecting");
    return () => {
      clearTimeout(timer.current);
      source.close();
    };
  }, [router, queryClient]);

  return <LiveIndicator connection={connection} />;
}

// Labels: contracts.live.<state>.
const INDICATOR: Record<Connection, { dot: string; text: string }> = {
  connecting: { dot: "bg-slate-300", text: "text-slate-600" },
  open: { dot: "bg-emerald-500", text: "text-slate-600" },
  reconnecting: { dot: "bg-amber-500 animate-pulse", text: "text-amber-800" },
};

/** Live: a small dot in the corner. Catching up: a pill that says so (nothing is lost meanwhile). */
function LiveIndicator({ connection }: { connection: Connection }) {
  const t = useTranslations("contracts.live");
  const { dot, text } = INDICATOR[connection];
  const label = t(connection);
  const quiet = connection === "open";
  return (
    <div
      role="status"
      data-testid="live-indicator"
      data-state={connection}
      title={quiet ? t("liveTitle") : t("pausedTitle")}
      className={`pointer-events-none fixed bottom-3 right-3 z-40 flex items-center gap-1.5 rounded-full text-xs font-medium ${quiet ? "p-1" : `bg-white/95 px-2.5 py-1 shadow-sm ring-1 ring-slate-200 ${text}`}`}
    >
      <span aria-hidden className={`size-2 rounded-full ${dot} ${quiet ? "ring-2 ring-white" : ""}`} />
      <span className={quiet ? "sr-only" : undefined}>{label}</span>
    </div>
  );
}
