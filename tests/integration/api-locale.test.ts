import { describe, expect, it } from "vitest";
import { makeFirm } from "../factories";
import { ALL_SCOPES, apiClientWithToken, callJson } from "./api-support";

type Problem = { title: string; detail: string; code: string; errors?: Record<string, string[]> };

describe("API problem details in the caller's language", () => {
  it("answers the same validation error in German for Accept-Language de and in English for en", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const german = await callJson<Problem>("POST", "/api/v1/proposals", { token, body: {}, headers: { "accept-language": "de-AT,de;q=0.9,en;q=0.5" } });
    const english = await callJson<Problem>("POST", "/api/v1/proposals", { token, body: {}, headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(german.status).toBe(422);
    expect(english.status).toBe(422);
    expect(german.body.code).toBe("VALIDATION");
    expect(english.body.code).toBe("VALIDATION");
    expect(german.body.detail).toBe("Einige Felder brauchen Ihre Aufmerksamkeit.");
    expect(english.body.detail).toBe("Some fields need your attention.");
    expect(german.body.title).toBe("Nicht verarbeitbarer Inhalt");
    expect(english.body.title).toBe("Unprocessable Content");
    // The same fields are named, each in its language.
    expect(Object.keys(german.body.errors ?? {}).sort()).toEqual(Object.keys(english.body.errors ?? {}).sort());
    expect(german.body.errors?.productId).toEqual(["Dieses Feld ist erforderlich."]);
    expect(english.body.errors?.productId).toEqual(["This field is required."]);
  });

  it("puts the API's own protocol problems into the caller's language, English without Accept-Language", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const german = await callJson<Problem>("GET", "/api/v1/contracts?pageSize=1000", { token, headers: { "accept-language": "de" } });
    const neutral = await callJson<Problem>("GET", "/api/v1/contracts?pageSize=1000", { token });
    expect(german.body).toMatchObject({ code: "INVALID_QUERY", title: "Ungültige Anfrage", detail: expect.stringContaining("ganze Zahl") });
    expect(neutral.body).toMatchObject({ code: "INVALID_QUERY", title: "Bad Request", detail: expect.stringContaining("whole number") });
    const unsigned = await callJson<Problem>("GET", "/api/v1/contracts", { headers: { "accept-language": "de" } });
    expect(unsigned.body).toMatchObject({ code: "INVALID_TOKEN", detail: expect.stringContaining("Zugriffstoken") });
  });
});
