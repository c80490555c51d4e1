import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { makeFirm } from "@/tests/factories";
import { getDefaultLocale, setDefaultLocale } from "./default-locale";
import { listUsers } from "@/lib/users/manage-users";

describe("the firm's default language", () => {
  it("is set by an administrator, validated and audited; advisors may not change it", async () => {
    const { org, admin, advisor } = await makeFirm();
    await db().organization.update({ where: { id: org.id }, data: { defaultLocale: "de" } });
    expect(await getDefaultLocale(admin)).toBe("de");
    expect(await setDefaultLocale(admin, { defaultLocale: "en" })).toBe("en");
    expect(await getDefaultLocale(admin)).toBe("en");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "organization.default-locale" } });
    expect(audit).toMatchObject({ actorId: admin.id, entityId: org.id, data: { from: "de", to: "en" } });

    const invalid = await setDefaultLocale(admin, { defaultLocale: "fr" }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(AppError);
    expect(invalid).toMatchObject({ code: "VALIDATION", fieldErrors: { defaultLocale: ["Choose German or English."] } });
    await expect(setDefaultLocale({ ...advisor, role: "ADVISOR" }, { defaultLocale: "de" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDefaultLocale(admin)).toBe("en");
  });

  it("lists each user's own language, null where the firm's default applies", async () => {
    const { admin, advisor } = await makeFirm();
    await db().user.update({ where: { id: advisor.id }, data: { locale: "en" } });
    const users = await listUsers(admin);
    expect(users.find((user) => user.id === advisor.id)?.locale).toBe("en");
    expect(users.find((user) => user.id === admin.id)?.locale ?? null).toBeNull();
  });
});
