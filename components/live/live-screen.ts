"use client";

import { useEffect } from "react";

/**
 * Screens that keep themselves current through React Query (the contract page) register here
 * while mounted, so a live event re-fetches their one query instead of re-rendering the whole
 * page on the server (router.refresh), which is what the other screens still do.
 */
let querySelfUpdating = 0;

export function useSelfUpdatingScreen() {
  useEffect(() => {
    querySelfUpdating++;
    return () => {
      querySelfUpdating--;
    };
  }, []);
}

export const screenUpdatesItself = () => querySelfUpdating > 0;
