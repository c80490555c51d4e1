/**
 * Checks of the message catalogues (messages/<locale>/<area>.json) against each other and
 * against the source. Pure functions over plain data (catalogues as objects, source files as
 * path + text), so lib/i18n/catalogue.test.ts runs them on the real tree and
 * tests/i18n/catalogue-checks.test.ts runs them on small fakes that must fail.
 *
 * Each check returns a list of problems (strings a person can act on); empty means fine.
 */
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";

export type Catalogue = Record<string, unknown>;
/** One language: area name → that area's file content. */
export type Catalogues = Record<string, Catalogue>;
export interface SourceFile {
  path: string;
  text: string;
}

// ---------------------------------------------------------------- reading the tree

export function readCatalogues(messagesDir: string): Record<string, Catalogues> {
  const out: Record<string, Catalogues> = {};
  for (const locale of fs.readdirSync(messagesDir)) {
    const dir = path.join(messagesDir, locale);
    if (!fs.statSync(dir).isDirectory()) continue;
    out[locale] = {};
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".json"))) {
      out[locale]![file.slice(0, -".json".length)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Catalogue;
    }
  }
  return out;
}

/** Source files (.ts/.tsx) under the given folders, without tests and generated code. */
export function readSources(root: string, folders: string[], exclude: RegExp[] = []): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (exclude.some((pattern) => pattern.test(rel))) continue;
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push({ path: rel, text: fs.readFileSync(full, "utf8") });
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
  return files;
}

// ---------------------------------------------------------------- catalogue shape

/** Every leaf of a catalogue as "area.path.to.key" → value (values that are not strings included, to be reported). */
export function leaves(catalogues: Catalogues): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      const entries = Object.entries(node);
      if (entries.length === 0 && prefix.includes(".")) out.set(prefix, node); // an empty object inside an area: reported
      for (const [key, value] of entries) walk(value, `${prefix}.${key}`);
    } else out.set(prefix, node);
  };
  for (const [area, content] of Object.entries(catalogues)) walk(content, area);
  return out;
}

/** (a) The same areas and key paths in both languages; every value a non-empty string; key names next-intl accepts. */
export function checkStructure(all: Record<string, Catalogues>, [first, second]: [string, string] = ["en", "de"]): string[] {
  const problems: string[] = [];
  const a = all[first] ?? {};
  const b = all[second] ?? {};
  for (const area of Object.keys(a)) if (!(area in b)) problems.push(`messages/${second}/${area}.json is missing (messages/${first}/${area}.json exists)`);
  for (const area of Object.keys(b)) if (!(area in a)) problems.push(`messages/${first}/${area}.json is missing (messages/${second}/${area}.json exists)`);
  const leavesOf = { [first]: leaves(a), [second]: leaves(b) };
  for (const [locale, other] of [[first, second], [second, first]] as const) {
    for (const key of leavesOf[locale]!.keys()) if (!leavesOf[other]!.has(key)) problems.push(`${key}: in ${locale} but not in ${other}`);
  }
  for (const [locale, map] of Object.entries(leavesOf)) {
    for (const [key, value] of map) {
      if (typeof value !== "string") problems.push(`${key} (${locale}): not a text but ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value === "object" ? "an empty object" : typeof value}`);
      else if (value.trim() === "") problems.push(`${key} (${locale}): empty`);
    }
  }
  for (const [locale, catalogues] of [[first, a], [second, b]] as const) {
    const walk = (node: unknown, prefix: string) => {
      if (typeof node !== "object" || node === null || Array.isArray(node)) return;
      for (const [name, value] of Object.entries(node)) {
        if (!/^[A-Za-z0-9_-]+$/.test(name)) problems.push(`${prefix}.${name} (${locale}): the key name "${name}" has characters next-intl cannot look up (use letters, digits, _ and -)`);
        walk(value, `${prefix}.${name}`);
      }
    };
    for (const [area, content] of Object.entries(catalogues)) walk(content, area);
  }
  return problems;
}

// ---------------------------------------------------------------- ICU messages

function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(element.value);
        break;
      case TYPE.select:
      case TYPE.plural:
        into.add(element.value);
        for (const option of Object.values(element.options)) argumentNames(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${element.value}>`);
        argumentNames(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/** (b) Every message parses as ICU, and both languages use the same arguments (and rich-text tags). */
export function checkMessages(all: Record<string, Catalogues>, [first, second]: [string, string] = ["en", "de"]): string[] {
  const problems: string[] = [];
  const parsed: Record<string, Map<string, Set<string>>> = {};
  for (const locale of [first, second]) {
    parsed[locale] = new Map();
    for (const [key, value] of leaves(all[locale] ?? {})) {
      if (typeof value !== "string") continue;
      try {
        parsed[locale]!.set(key, argumentNames(parse(value)));
      } catch (error) {
        problems.push(`${key} (${locale}): not a valid ICU message (${(error as Error).message}): ${JSON.stringify(value)}`);
      }
    }
  }
  for (const [key, names] of parsed[first]!) {
    const other = parsed[second]!.get(key);
    if (!other) continue;
    const onlyFirst = [...names].filter((name) => !other.has(name));
    const onlySecond = [...other].filter((name) => !names.has(name));
    if (onlyFirst.length || onlySecond.length) {
      problems.push(`${key}: arguments differ: ${first} {${[...names].sort().join(", ")}}, ${second} {${[...other].sort().join(", ")}}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the source

interface FileFacts {
  path: string;
  /** Every string literal (and template literal without substitutions). */
  literals: Set<string>;
  /** Static heads of template literals with substitutions that end in a dot ("code." of `code.${x}`). */
  templatePrefixes: Set<string>;
  /** Namespaces of useTranslations / getTranslations / translatorOf in this file. */
  namespaces: Set<string>;
  /** Catalogue keys this file hands over as messages: msg("…"), new AppError(c, "…"), translate(…, "…"), notFound("…"), zod messages. */
  keyUses: { key: string; how: string; line: number; dynamic?: boolean }[];
}

const TRANSLATOR_FACTORIES = new Set(["useTranslations", "getTranslations", "translatorOf", "createTranslator"]);
/** Zod methods whose message is the first argument / the second (after a value). */
const ZOD_MESSAGE_FIRST = new Set(["email", "url", "uuid", "nonempty", "int", "positive", "negative", "nonnegative", "nonpositive", "finite", "safe", "datetime", "date", "time", "iso", "cuid", "nanoid", "ipv4", "ipv6", "e164"]);
const ZOD_MESSAGE_SECOND = new Set(["min", "max", "length", "gte", "lte", "gt", "lt", "regex", "refine", "multipleOf", "startsWith", "endsWith", "enum", "literal", "nativeEnum", "array"]);

const calleeName = (expression: ts.Expression): string | undefined =>
  ts.isIdentifier(expression) ? expression.text : ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;

const stringOf = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** A template literal's static head when it names a key prefix: `common.problems.${code}` → "common.problems.". */
const templateHead = (node: ts.Node | undefined): string | undefined => (node && ts.isTemplateExpression(node) && node.head.text.endsWith(".") ? node.head.text : undefined);

function messagePropertyOf(node: ts.Node | undefined): ts.Expression | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && (property.name.text === "message" || property.name.text === "error")) return property.initializer;
  }
  return undefined;
}

export function factsOf(file: SourceFile, options: { zod?: boolean } = {}): FileFacts {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, file.path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const facts: FileFacts = { path: file.path, literals: new Set(), templatePrefixes: new Set(), namespaces: new Set(), keyUses: [] };
  const usesZod = options.zod ?? /from ["']zod["']/.test(file.text);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const record = (node: ts.Node | undefined, how: string) => {
    const key = stringOf(node);
    if (key !== undefined && node) facts.keyUses.push({ key, how, line: lineOf(node) });
    const head = templateHead(node);
    if (head !== undefined && node) facts.keyUses.push({ key: head.slice(0, -1), how, line: lineOf(node), dynamic: true });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) facts.literals.add(node.text);
    else if (ts.isTemplateExpression(node) && node.head.text.endsWith(".")) facts.templatePrefixes.add(node.head.text);
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const [first, second] = node.arguments;
      if (name && TRANSLATOR_FACTORIES.has(name)) {
        const namespace = name === "translatorOf" ? stringOf(second) : (stringOf(first) ?? (first && ts.isObjectLiteralExpression(first) ? nsProperty(first) : undefined));
        if (namespace) facts.namespaces.add(namespace);
      }
      if (name === "msg" && ts.isIdentifier(node.expression)) record(first, "msg()");
      if (name === "notFound" && ts.isIdentifier(node.expression)) record(first, "notFound()");
      if (name === "translate" && ts.isIdentifier(node.expression)) {
        // translate(locale, "key", values?) in lib; translate("key") from useMsg() in components.
        record(node.arguments.length >= 2 ? second : first, "translate()");
      }
      if (usesZod && name && ts.isPropertyAccessExpression(node.expression)) {
        if (name === "addIssue") record(messagePropertyOf(first), "zod addIssue message");
        const at = ZOD_MESSAGE_FIRST.has(name) ? 0 : ZOD_MESSAGE_SECOND.has(name) ? 1 : -1;
        const argument = at >= 0 ? node.arguments[at] : undefined;
        if (argument) {
          record(argument, `zod .${name}() message`);
          record(messagePropertyOf(argument), `zod .${name}() message`);
        }
      }
    }
    if (ts.isNewExpression(node) && calleeName(node.expression) === "AppError") {
      const [, message, options] = node.arguments ?? [];
      record(message, "new AppError()");
      // fieldErrors: { field: ["key", …] }
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === "fieldErrors" && ts.isObjectLiteralExpression(property.initializer)) {
            for (const field of property.initializer.properties) {
              if (ts.isPropertyAssignment(field) && ts.isArrayLiteralExpression(field.initializer)) for (const element of field.initializer.elements) record(element, "AppError fieldErrors");
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

function nsProperty(object: ts.ObjectLiteralExpression): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === "namespace") return stringOf(property.initializer);
  }
  return undefined;
}

function hasLeaf(catalogues: Catalogues, key: string): boolean {
  return typeof nodeAt(catalogues, key) === "string";
}

function nodeAt(catalogues: Catalogues, key: string): unknown {
  let node: unknown = catalogues;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** (d) Every key lib hands over (msg, AppError, translate, notFound, AppError's fieldErrors, zod messages) exists in the catalogue. */
export function checkKeysExist(catalogues: Catalogues, files: SourceFile[], options: { zodFiles?: (path: string) => boolean } = {}): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const facts = factsOf(file, { zod: options.zodFiles ? options.zodFiles(file.path) && /from ["']zod["']/.test(file.text) : undefined });
    for (const use of facts.keyUses) {
      if (use.dynamic) {
        const node = nodeAt(catalogues, use.key);
        if (typeof node !== "object" || node === null) problems.push(`${file.path}:${use.line}: ${use.how} builds keys under "${use.key}.", which is not a group in the catalogue`);
      } else if (!hasLeaf(catalogues, use.key)) {
        problems.push(`${file.path}:${use.line}: ${use.how} ${JSON.stringify(use.key)} is not a key in the catalogue`);
      }
    }
  }
  return problems;
}

/**
 * (c) No unused keys. A key "contracts.nextStep.order.title" counts as used when:
 *  - some file contains the full path as a string ("contracts.nextStep.order.title"), or
 *  - a file that takes a translator for a namespace ("contracts" or "contracts.nextStep", from
 *    useTranslations / getTranslations / translatorOf) contains the rest as a string
 *    ("nextStep.order.title" / "order.title"), or
 *  - a template literal builds it: `contracts.nextStep.${step}.title` anywhere, or `nextStep.${step}`
 *    in a file with the namespace "contracts" (the key is then under the template's head), or
 *  - it lies under one of the explicitly allowed dynamic prefixes.
 */
export function checkUnused(catalogues: Catalogues, files: SourceFile[], allowedPrefixes: string[] = []): string[] {
  const facts = files.map((file) => factsOf(file));
  const everyLiteral = new Set<string>();
  const usedPrefixes = new Set<string>(allowedPrefixes.map((prefix) => (prefix.endsWith(".") ? prefix : `${prefix}.`)));
  for (const fact of facts) {
    for (const literal of fact.literals) everyLiteral.add(literal);
    for (const head of fact.templatePrefixes) {
      usedPrefixes.add(head);
      for (const namespace of fact.namespaces) usedPrefixes.add(`${namespace}.${head}`);
    }
  }
  const used = (key: string) => {
    if (everyLiteral.has(key)) return true;
    for (const prefix of usedPrefixes) if (key.startsWith(prefix) && prefix.includes(".") && prefix.length > 1 && isAreaPrefix(prefix, catalogues)) return true;
    for (const fact of facts) {
      for (const namespace of fact.namespaces) if (key.startsWith(`${namespace}.`) && fact.literals.has(key.slice(namespace.length + 1))) return true;
    }
    return false;
  };
  const problems: string[] = [];
  for (const [key, value] of leaves(catalogues)) if (typeof value === "string" && !used(key)) problems.push(`${key} is not used anywhere in the source (${JSON.stringify(value)})`);
  return problems;
}

/** A template head counts only when it starts with an area ("status.code."), so `${x}.` or "v." cannot cover everything. */
function isAreaPrefix(prefix: string, catalogues: Catalogues): boolean {
  const area = prefix.split(".")[0]!;
  return area in catalogues;
}
