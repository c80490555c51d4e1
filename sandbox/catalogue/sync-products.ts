import type { Queryable } from "../db/pool";
import { PRODUCTS, productRecord } from "./products";

/** Writes the catalogue; a product's updatedAt only moves when its definition changed. */
export async function syncProducts(db: Queryable): Promise<void> {
  for (const product of PRODUCTS) {
    await db.query(
      `insert into products (id, record, updated_at) values ($1, $2, date_trunc('milliseconds', clock_timestamp()))
       on conflict (id) do update set record = excluded.record, updated_at = excluded.updated_at
       where products.record is distinct from excluded.record`,
      [product.id, JSON.stringify(productRecord(product))],
    );
  }
}
