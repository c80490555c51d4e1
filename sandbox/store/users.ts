import type { Queryable } from "../db/pool";
import type { IdStyle } from "../dialects/table";
import { newId } from "../ids";
import { NOW_MS_SQL } from "./records";

/** Every consumer gets a few user records (its advisors' logins at the provider) when registered. */
export async function ensureConsumerUsers(db: Queryable, consumerId: string, idStyle: IdStyle = "opaque"): Promise<void> {
  const { rows } = await db.query("select 1 from users where consumer_id = $1 limit 1", [consumerId]);
  if (rows.length > 0) return;
  const users = [
    { name: "Alex Advisor", email: "alex.advisor@broker.example", role: "advisor", _agentNumber: "AG-1001" },
    { name: "Bea Backoffice", email: "bea.backoffice@broker.example", role: "backoffice", _agentNumber: "AG-1002" },
    { name: "Chris Admin", email: "chris.admin@broker.example", role: "admin", _agentNumber: "AG-1000" },
  ];
  for (const user of users) {
    await db.query(`insert into users (id, consumer_id, record, updated_at) values ($1, $2, $3, ${NOW_MS_SQL})`, [newId("us", idStyle), consumerId, JSON.stringify(user)]);
  }
}
