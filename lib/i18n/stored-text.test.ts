import { describe, expect, it } from "vitest";
import { msg } from "@/lib/i18n/message";
import { storeMessages, storedMessagesOf, storedText } from "./stored-message";
import { readStoredText } from "./stored-text";

describe("texts stored on rows as key and values", () => {
  it("shows a stored message in each reader's language", () => {
    const stored = storedText("apiAdmin.webhooks.stored.status", { status: 503 });
    expect(readStoredText(stored, "en")).toBe("The endpoint answered HTTP 503.");
    expect(readStoredText(stored, "de")).toBe("Der Endpunkt hat mit HTTP 503 geantwortet.");
  });

  it("joins several sentences, keeping a remote's own text as it is", () => {
    const stored = storeMessages([msg("sync.review.outcome.stillFailing"), msg("deadlock detected")]);
    expect(readStoredText(stored, "en")).toBe("Still failing: deadlock detected");
    expect(readStoredText(stored, "de")).toBe("Weiterhin fehlerhaft: deadlock detected");
  });

  it("shows old plain-text rows and text that only looks like JSON unchanged", () => {
    expect(readStoredText("The endpoint answered HTTP 500.", "de")).toBe("The endpoint answered HTTP 500.");
    expect(readStoredText('{"key":broken', "de")).toBe('{"key":broken');
    expect(storedMessagesOf("plain")).toEqual([{ key: "plain" }]);
    expect(readStoredText(null, "en")).toBeNull();
  });
});
