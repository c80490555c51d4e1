import { z } from "zod";
import { db } from "../db";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { productFieldSchema } from "../finum/records";
import { isoDay } from "../format";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

/** What the "New proposal" flow offers: the viewer's clients and the enabled providers' products. */
export async function getNewProposalOptions(viewer: Viewer) {
  const [clients, providers] = await Promise.all([
    db().client.findMany({
      where: clientScope(viewer),
      orderBy: [{ displayName: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, displayName: true, kind: true, email: true, birthDate: true, city: true },
    }),
    db().provider.findMany({
      where: { organizationId: viewer.organizationId, enabled: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true, products: { where: { active: true }, orderBy: [{ line: "asc" }, { name: "asc" }], select: { id: true, name: true, line: true, description: true, fields: true } } },
    }),
  ]);
  return {
    clients: clients.map((client) => ({ ...client, birthDate: isoDay(client.birthDate) })),
    providers: providers.map((provider) => ({
      ...provider,
      products: provider.products.map((product) => ({ ...product, fields: z.array(productFieldSchema).catch([]).parse(product.fields) })),
    })),
  };
}

export type NewProposalOptions = Awaited<ReturnType<typeof getNewProposalOptions>>;
