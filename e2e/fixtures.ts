import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { createClient } from "../lib/clients/save-client";
import { recordConsent } from "../lib/consents/consents";
import { db } from "../lib/db";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { TEST_PASSWORD, completeTestAdvice } from "../tests/factories";

export { DEMO_PASSWORD, DEMO_USERS, TEST_PASSWORD };

/** A customer's phone: the size and touch of a common one. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari" } as const;

export function phone(browser: Browser) {
  return browser.newContext(PHONE);
}

/** The newest mail to this address, from the outbox (the e2e app has no SMTP_URL). */
export function mailTo(email: string) {
  return db().outboxMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
}

/** The customer's link in a mail's text (a path, on whichever host the test runs), or undefined. */
export const approvalLinkIn = (text: string) => /\/approve\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];

/** The customer's link as it arrives in the newest mail to this address. */
export async function linkFromMail(email: string): Promise<string> {
  const link = approvalLinkIn((await mailTo(email)).text);
  expect(link, "approval link in the mail").toBeTruthy();
  return link!;
}

/** Signs in through the real form and waits for the pipeline, as a user would see it. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
}

export const sandboxUrl = () => process.env.E2E_SANDBOX_URL!;

/** Sets fault injection for the demo firm's consumer at the sandbox (tests run one at a time). */
export async function setSandboxFaults(faults: Record<string, number>) {
  const response = await fetch(`${sandboxUrl()}/admin/consumers/proposal-desk-dev/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(response.ok).toBe(true);
}

/** The demo advisor, as lib functions take an actor. */
export async function demoAdvisor() {
  return db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { id: true, organizationId: true, role: true, name: true } });
}

/**
 * A client of the demo advisor, unique to this test, with an email of their own (their mail is easy
 * to find). They have given the consents the firm needs (data processing, sharing with the
 * provider), recorded by the advisor, unless `consents: false` (then the wizard asks for the sharing one).
 */
export async function demoClient(lastName: string, firstName = "Test", options: { consents?: boolean } = {}) {
  const unique = Date.now().toString(36) + crypto.randomBytes(2).toString("hex");
  const email = `${firstName.toLowerCase()}-${unique}@example.com`;
  const advisor = await demoAdvisor();
  const client = await createClient(advisor, { kind: "PERSON", firstName, lastName: `${lastName} ${unique}`, birthDate: "1986-02-03", email });
  if (options.consents !== false) for (const purpose of ["DATA_PROCESSING", "PROVIDER_SHARING"] as const) await recordConsent(advisor, client.id, { purpose, note: "e2e setup" });
  const row = await db().client.findUniqueOrThrow({ where: { id: client.id }, select: { id: true, displayName: true, email: true } });
  return { ...row, fullName: `${firstName} ${lastName} ${unique}` };
}

export async function requestLiabilityProposal(page: Page, clientName: string, details: { coverage?: string; startDate?: string }) {
  await page.goto("/proposals/new");
  await page.getByLabel("Find a client").fill(clientName);
  await page.getByText(clientName).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("Private Liability").click();
  await page.getByRole("button", { name: "Continue" }).click();
  if (details.coverage) await page.getByLabel("Coverage (EUR)").selectOption(details.coverage);
  if (details.startDate) await page.getByLabel("Start date").fill(details.startDate);
  await page.getByRole("button", { name: "Review the request" }).click();
}

/** A completed advice record, recorded at the database level for journeys that are not about it. */
export async function demoAdvice(contractId: string) {
  return completeTestAdvice(await demoAdvisor(), contractId);
}

/**
 * The advisor completes the advice record on the contract page, as a user would: needs, products
 * considered, advice and reasons, then "Complete and create PDF". `tr` turns the English label into
 * the page's language (pass `de` for a German page).
 */
export async function completeAdviceOnPage(page: Page, locale: "de" | "en" = "en") {
  // The form's own labels by their keys (a text like "Products considered" also names other things).
  const label = (field: string) => t(`advice.section.fields.${field}`, undefined, locale);
  const section = page.getByTestId("advice-section");
  // On a slow machine the page may still hydrate or re-read itself live while the form is filled,
  // which clears what was typed: fill and complete again until the advice is ready, as a user would.
  await expect(async () => {
    if ((await section.getAttribute("data-advice-ready")) === "true") return;
    await section.getByLabel(label("needs")).fill("Liability cover for the family, with a high sum insured.");
    await section.getByLabel(label("products")).fill("Private Liability\nHousehold");
    await section.getByLabel(label("advice")).fill("Private Liability with a high coverage.");
    await section.getByLabel(label("reasons")).fill("It covers the family's risks at a fair premium.");
    await section.getByRole("button", { name: t("advice.section.complete", undefined, locale) }).click();
    await expect(section).toHaveAttribute("data-advice-ready", "true", { timeout: 20_000 });
  }).toPass({ timeout: 90_000 });
}

/** What an advisor does while waiting without live updates: press Refresh until the status shows. */
export async function refreshUntil(page: Page, status: string) {
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh from provider" }).click();
    await expect(page.getByText(status, { exact: true }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}


// ------------------------------------------------------------------ accessibility

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails on any serious or
 * critical violation, naming each rule, its impact, the elements and what to do. Called once per
 * page kind, at a moment the page shows its content (the suite stays fast).
 */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious
    .map((violation) => {
      const targets = violation.nodes.slice(0, 8).map((node) => `      ${node.target.join(" ")}${node.failureSummary ? `\n        ${node.failureSummary.split("\n").join("\n        ")}` : ""}`);
      const more = violation.nodes.length > 8 ? [`      … and ${violation.nodes.length - 8} more`] : [];
      return [`  ${violation.id} (${violation.impact}): ${violation.help}`, `    ${violation.helpUrl}`, ...targets, ...more].join("\n");
    })
    .join("\n");
  // Soft: the journey goes on, so one run names every page with a problem; the test still fails.
  expect.soft(serious.length, `Accessibility on ${label} (${page.url()}):\n${report}`).toBe(0);
}

// ------------------------------------------------------------------ the catalogues, read at test time

type Tree = { [key: string]: string | Tree };
const catalogueCache = new Map<string, Tree>();

/** messages/<locale>/*.json as one tree ("contracts" → …), read from disk so the tests follow the catalogue. */
export function catalogueOf(locale: "de" | "en"): Tree {
  let tree = catalogueCache.get(locale);
  if (!tree) {
    const dir = path.join(import.meta.dirname, "..", "messages", locale);
    tree = Object.fromEntries(fs.readdirSync(dir).filter((file) => file.endsWith(".json")).map((file) => [file.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree]));
    catalogueCache.set(locale, tree);
  }
  return tree;
}

/** Every text of a language as "area.path.key" → message. */
export function catalogueTexts(locale: "de" | "en"): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: string | Tree, prefix: string) => {
    if (typeof node === "string") out.set(prefix, node);
    else for (const [key, value] of Object.entries(node)) walk(value, prefix ? `${prefix}.${key}` : key);
  };
  walk(catalogueOf(locale), "");
  return out;
}

/**
 * A catalogue text as a person reads it (ICU formatted with the values), German unless told:
 * t("contracts.nextStep.order.title"). A key that is missing fails the test with its name.
 */
export function t(key: string, values?: Record<string, string | number | Date>, locale: "de" | "en" = "de"): string {
  const message = catalogueTexts(locale).get(key);
  if (message === undefined) throw new Error(`No text "${key}" in messages/${locale}/ (the test follows the catalogue: is the key named differently?)`);
  return String(new IntlMessageFormat(message, locale).format(values));
}

/** A German and an English user of the same firm see the same page in their own language: set it through the db. */
export async function setUserLocale(email: string, locale: "de" | "en" | null) {
  await db().user.update({ where: { email }, data: { locale } });
}

/** A message's literal text and its simple arguments, to match a text someone reads back to its key. */
function matcherOf(message: string): { regex: RegExp; names: string[] } | null {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch {
    return null;
  }
  const names: string[] = [];
  let source = "";
  for (const element of elements) {
    if (element.type === TYPE.literal) source += element.value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (element.type === TYPE.argument || element.type === TYPE.number) {
      names.push(element.value);
      source += "(.+?)";
    } else return null; // plural, select, dates, rich text: only found by their exact text
  }
  return { regex: new RegExp(`^${source}$`, "s"), names };
}

/**
 * The German for an English text as the English catalogue has it today: "Sign in" → "Anmelden",
 * "Send approval request to a@b.de" → "Freigabeanfrage an a@b.de senden". The journeys keep their
 * English wording as the reference (the English catalogue must keep it), so the German tests need
 * no key names and follow both catalogues. A text that several keys share with different German
 * comes back as a RegExp matching any of them.
 */
export function de(english: string): string | RegExp {
  const german = catalogueTexts("de");
  const found = new Set<string>();
  for (const [key, message] of catalogueTexts("en")) {
    const target = german.get(key);
    if (target === undefined) continue;
    if (message === english) {
      found.add(String(new IntlMessageFormat(target, "de").format()));
      continue;
    }
    const matcher = matcherOf(message);
    const match = matcher && matcher.names.length ? matcher.regex.exec(english) : null;
    if (match) found.add(String(new IntlMessageFormat(target, "de").format(Object.fromEntries(matcher!.names.map((name, index) => [name, match[index + 1]!])))));
  }
  if (found.size === 0) throw new Error(`No English catalogue text reads "${english}" (not in messages/en/ yet, or its wording changed)`);
  if (found.size === 1) return [...found][0]!;
  return new RegExp(`^(?:${[...found].map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);
}

/**
 * What a person reads or hears on the page: every visible text node (whitespace collapsed), and
 * the aria-label, title, placeholder and alt texts of visible elements.
 */
async function textsOnPage(page: Page): Promise<string[]> {
  return page.locator("body").evaluate((body) => {
    const out: string[] = [];
    const visible = (element: Element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      if (text && parent && !parent.closest("script, style, noscript, template") && visible(parent)) out.push(text);
    }
    for (const element of body.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
      if (!visible(element) && element.tagName !== "IFRAME") continue;
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name)?.replace(/\s+/g, " ").trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** How an English message shows on a page: the whole text (with its simple arguments as wildcards), or its longest literal part. */
function englishMatcher(message: string, german: string): ((text: string) => boolean) | null {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch {
    return null;
  }
  const literals = elements.filter((element) => element.type === TYPE.literal).map((element) => (element as { value: string }).value);
  const literalLength = literals.join("").trim().length;
  const whole = matcherOf(message);
  if (whole) {
    if (literalLength < 12) return null; // short words are the same in both languages or ambiguous
    const sentence = whole.names.length === 0 && (literalLength >= 24 || /[.!?…:]$/.test(message.trim()));
    const plain = message.replace(/\s+/g, " ").trim();
    // A whole text node (a label, a heading, a button), or a long sentence inside a longer text.
    return (text) => whole.regex.test(text) || (sentence && text.includes(plain));
  }
  // Plural, select, rich text: its longest literal part, when it is long and not also German.
  const part = literals.map((literal) => literal.trim()).sort((a, b) => b.length - a.length)[0];
  return part && part.length >= 20 && !german.includes(part) ? (text) => text.includes(part) : null;
}

/**
 * English left on a German page: every English catalogue text of 12 characters or more that
 * differs from its German counterpart and is what a text on the page says (messages with simple
 * arguments match with any values; others by a long literal part). Short words ("Status",
 * "E-Mail") are the same in both languages or ambiguous. Provider texts (product names, field
 * labels, status notes) are not in the catalogue and are never reported, unless a provider's text
 * is word for word a catalogue text. Returns "key: text on the page" for each one found.
 */
export async function englishOnPage(page: Page, providerTexts: string[] = []): Promise<string[]> {
  const ignore = new Set(providerTexts.map((text) => text.replace(/\s+/g, " ").trim()));
  const texts = (await textsOnPage(page)).filter((text) => !ignore.has(text));
  const german = catalogueTexts("de");
  const found: string[] = [];
  for (const [key, message] of catalogueTexts("en")) {
    const target = german.get(key);
    if (target === undefined || target === message) continue;
    const matches = englishMatcher(message, target);
    const hit = matches && texts.find(matches);
    if (hit) found.push(`${key}: ${JSON.stringify(hit.length > 160 ? `${hit.slice(0, 157)}…` : hit)}`);
  }
  return found;
}

/**
 * What the provider said about a contract (its status notes), which stays as the provider sent
 * it and so may be English on a German page ("Proposal version 1 available").
 */
export async function providerTextsOf(contractId: string): Promise<string[]> {
  const [contract, events] = await Promise.all([
    db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { statusNote: true } }),
    db().contractEvent.findMany({ where: { contractId, source: { in: ["CALLBACK", "POLL", "SYNC"] } }, select: { note: true } }),
  ]);
  return [contract.statusNote, ...events.map((event) => event.note)].filter((note): note is string => Boolean(note) && !note!.startsWith("{"));
}

/** The page speaks German: html[lang=de] and no English catalogue text (soft: every page is reported). */
export async function expectGerman(page: Page, label: string, providerTexts: string[] = []) {
  await expect.soft(page.locator("html"), `${label}: <html lang>`).toHaveAttribute("lang", "de");
  const english = await englishOnPage(page, providerTexts);
  expect.soft(english, `English texts on the German ${label} page (${page.url()}):\n  ${english.join("\n  ")}`).toEqual([]);
  // Text that never reached the catalogue cannot be compared with it: texts that read like English
  // sentences are listed for a person to look at (a hint in the report, not a failure).
  const ignore = new Set(providerTexts);
  const suspicious = (await textsOnPage(page)).filter((text) => !ignore.has(text) && (text.match(ENGLISH_WORDS) ?? []).length >= 2);
  if (suspicious.length) test.info().annotations.push({ type: "English-looking text", description: `${label}: ${suspicious.map((text) => JSON.stringify(text)).join(", ")}` });
}

/** Words of English sentences that German never uses. */
const ENGLISH_WORDS = /\b(?:the|and|with|your|you|this|that|has|have|been|for|from|sent|will|can|not|is|are|of|to)\b/gi;

/** A full-page picture for people to look at (no comparison): test-results/screens/<lang>-<page>.png. */
export async function screen(page: Page, lang: "de" | "en", name: string) {
  await page.screenshot({ path: path.join("test-results", "screens", `${lang}-${name}.png`), fullPage: true });
}
