/** The development outbox: mail stored because no SMTP server is configured. */
import { db } from "../db";

export async function listOutboxMail(limit = 50) {
  return db().outboxMail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
