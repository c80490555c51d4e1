"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { queryKeys } from "./query-keys";

/**
 * Keeps every open screen current: one EventSource per tab on /api/events. A contract event
 * re-renders the server components on screen (router.refresh) and invalidates the cached queries;
 * the browser reconnects by itself and resumes with Last-Event-ID.
 */
export function LiveUpdates() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const source = new EventSource("/api/events");
    // Several events in a burst (a callback storm) cause one refresh.
    const refresh = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => router.refresh(), 250);
    };
    const onContract = () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.contracts });
    };
    const onNotification = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
    const onResync = () => {
      refresh();
      void queryClient.invalidateQueries();
    };
    const onSessionEnded = () => {
      source.close();
      router.replace("/login");
      router.refresh();
    };
    source.addEventListener("contract.updated", onContract);
    source.addEventListener("notification.created", onNotification);
    source.addEventListener("resync", onResync);
    source.addEventListener("session-ended", onSessionEnded);
    document.documentElement.dataset.live = "connecting";
    source.onopen = () => (document.documentElement.dataset.live = "open");
    source.onerror = () => (document.documentElement.dataset.live = "reconnecting");
    return () => {
      clearTimeout(timer.current);
      source.close();
    };
  }, [router, queryClient]);

  return null;
}
