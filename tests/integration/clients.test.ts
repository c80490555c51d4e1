import { describe, expect, it } from "vitest";
import { createClient, updateClient } from "@/lib/clients/save-client";
import { getClient, listClients } from "@/lib/clients/queries";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { makeClient, makeFirm } from "../factories";

describe("clients", () => {
  it("keeps advisors to their own clients and admins to their organization", async () => {
    const firm = await makeFirm();
    const other = await makeFirm();
    const mine = await makeClient(firm.advisor);
    const colleagues = await makeClient(firm.otherAdvisor);
    const foreign = await makeClient(other.advisor);

    await expect(getClient(firm.advisor, mine.id)).resolves.toMatchObject({ id: mine.id });
    await expect(getClient(firm.advisor, colleagues.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClient(firm.admin, colleagues.id)).resolves.toMatchObject({ id: colleagues.id });
    await expect(getClient(firm.admin, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateClient(firm.admin, foreign.id, { kind: "COMPANY", companyName: "Hijack GmbH" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const untouched = await db().client.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(untouched.kind).toBe("PERSON");
  });

  it("validates with field errors and writes nothing on bad input", async () => {
    const { advisor } = await makeFirm();
    const before = await db().client.count({ where: { ownerId: advisor.id } });
    const error = await createClient(advisor, { kind: "PERSON", firstName: "", email: "not-mail", birthDate: "2999-01-01" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toMatchObject({ lastName: expect.any(Array), email: expect.any(Array), birthDate: expect.any(Array), firstName: expect.any(Array) });
    expect(await db().client.count({ where: { ownerId: advisor.id } })).toBe(before);
  });

  it("searches by name, email and birth date, and pages with a cursor", async () => {
    const { advisor } = await makeFirm();
    for (let index = 0; index < 5; index++) await makeClient(advisor, { lastName: `Pager${index}`, birthDate: `1970-01-0${index + 1}` });
    const special = await makeClient(advisor, { firstName: "Zora", lastName: "Quandt", email: "zora.q@example.com", birthDate: "1999-12-31" });

    expect((await listClients(advisor, { q: "quandt" })).items.map((c) => c.id)).toEqual([special.id]);
    expect((await listClients(advisor, { q: "zora.q@" })).items.map((c) => c.id)).toEqual([special.id]);
    expect((await listClients(advisor, { q: "31.12.1999" })).items.map((c) => c.id)).toEqual([special.id]);

    const first = await listClients(advisor, { pageSize: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toBeTruthy();
    const second = await listClients(advisor, { pageSize: 4, after: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((c) => c.displayName);
    expect(all).toEqual([...all].sort());
  });
});
