import { notFound } from "next/navigation";
import { AppError } from "../errors";
import type { SessionUser } from "../auth/session";
import { getClient } from "./queries";

/** For pages: a client outside the viewer's scope is simply not found (no hint that it exists). */
export async function getClientForPage(user: SessionUser, id: string) {
  try {
    return await getClient(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
