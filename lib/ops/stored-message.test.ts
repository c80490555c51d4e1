import { describe, expect, it } from "vitest";
import { msg } from "@/lib/i18n/message";
import { showStored, storeMsg, storeMsgs, storedMsgs } from "./stored-message";

describe("texts stored on rows as key and values", () => {
  it("shows a stored message in each reader's language", () => {
    const stored = storeMsg("apiAdmin.webhooks.stored.status", { status: 503 });
    expect(showStored("en", stored)).toBe("The endpoint answered HTTP 503.");
    expect(showStored("de", stored)).toBe("Der Endpunkt hat mit HTTP 503 geantwortet.");
  });

  it("joins several sentences, keeping a remote's own text as it is", () => {
    const stored = storeMsgs([msg("sync.review.outcome.stillFailing"), msg("deadlock detected")]);
    expect(showStored("en", stored)).toBe("Still failing: deadlock detected");
    expect(showStored("de", stored)).toBe("Weiterhin fehlerhaft: deadlock detected");
  });

  it("shows old plain-text rows and text that only looks like JSON unchanged", () => {
    expect(showStored("de", "The endpoint answered HTTP 500.")).toBe("The endpoint answered HTTP 500.");
    expect(showStored("de", '{"key":broken')).toBe('{"key":broken');
    expect(storedMsgs("plain")).toEqual([{ key: "plain" }]);
    expect(showStored("en", null)).toBeNull();
  });
});
