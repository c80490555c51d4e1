import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { setUserDisabled } from "@/lib/users/manage-users";
import { db } from "@/lib/db";
import { makeFirm, TEST_PASSWORD } from "../factories";

const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("authenticate", () => {
  it("signs in with the right password, case-insensitive email, and records the sign-in", async () => {
    const { advisor } = await makeFirm();
    const user = await authenticate({ email: advisor.email.toUpperCase(), password: TEST_PASSWORD }, ip());
    expect(user).toMatchObject({ id: advisor.id, organizationId: advisor.organizationId, role: "ADVISOR", sessionVersion: 0 });
    const stored = await db().user.findUniqueOrThrow({ where: { id: advisor.id }, select: { lastSignInAt: true } });
    expect(stored.lastSignInAt).not.toBeNull();
  });

  it("answers the same for a wrong password and an unknown account", async () => {
    const { advisor } = await makeFirm();
    const wrong = await failureOf(authenticate({ email: advisor.email, password: "nope" }, ip()));
    const unknown = await failureOf(authenticate({ email: "nobody@test.proposal-desk.test", password: "nope" }, ip()));
    expect(wrong.message).toBe("Wrong email or password.");
    expect(unknown.message).toBe(wrong.message);
  });

  it("rejects malformed input with a readable message", async () => {
    const error = await failureOf(authenticate({ email: "not-an-email", password: "" }, ip()));
    expect(error.code).toBe("VALIDATION");
  });

  it("slows down and then refuses guessing from one address, even with the right password, while the real user elsewhere still gets in", async () => {
    const { advisor } = await makeFirm();
    const attacker = ip();
    const started = Date.now();
    let last: AppError | undefined;
    for (let attempt = 0; attempt < 8; attempt++) last = await failureOf(authenticate({ email: advisor.email, password: `wrong-${attempt}` }, attacker));
    expect(Date.now() - started).toBeGreaterThan(1_500); // the slow-down is real
    expect(last!.code).toBe("RATE_LIMITED");
    const locked = await failureOf(authenticate({ email: advisor.email, password: TEST_PASSWORD }, attacker));
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.message).toMatch(/try again in \d+ minutes?/);
    await expect(authenticate({ email: advisor.email, password: TEST_PASSWORD }, ip())).resolves.toMatchObject({ id: advisor.id });
  }, 30_000);

  it("refuses guessing spread over many addresses for a short while only", async () => {
    const { advisor } = await makeFirm();
    let last: AppError | undefined;
    for (let attempt = 0; attempt < 20; attempt++) last = await failureOf(authenticate({ email: advisor.email, password: `wrong-${attempt}` }, ip()));
    expect(last!.code).toBe("RATE_LIMITED");
    expect(last!.message).toMatch(/try again in 2 minutes/);
    // The lock lapses after two minutes: then the right password works again.
    await db().signInThrottle.updateMany({ where: { key: `account:${advisor.email}` }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await expect(authenticate({ email: advisor.email, password: TEST_PASSWORD }, ip())).resolves.toMatchObject({ id: advisor.id });
  }, 30_000);

  it("refuses a disabled user and bumps their session version", async () => {
    const { admin, advisor } = await makeFirm();
    await setUserDisabled(admin, advisor.id, true);
    const error = await failureOf(authenticate({ email: advisor.email, password: TEST_PASSWORD }, ip()));
    expect(error.code).toBe("FORBIDDEN");
    const stored = await db().user.findUniqueOrThrow({ where: { id: advisor.id }, select: { sessionVersion: true } });
    expect(stored.sessionVersion).toBe(1);
  });

  it("does not let an admin disable a user of another organization", async () => {
    const first = await makeFirm();
    const second = await makeFirm();
    const error = await failureOf(setUserDisabled(first.admin, second.advisor.id, true));
    expect(error.code).toBe("NOT_FOUND");
  });
});
