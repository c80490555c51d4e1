/**
 * How every stored file leaves the portal (provider documents, the customer's proposal, approval
 * receipts, offline-approval evidence). Only PDF and raster images are served as themselves, and
 * only when the bytes are what the type says; anything else (HTML, SVG, a mislabelled file) goes
 * out as an `application/octet-stream` download, so nothing a provider sends can run script on
 * our origin. Always nosniff, a Content-Disposition with a safe file name, and a CSP that allows
 * no script: `sandbox` for images and downloads; PDFs get `default-src 'none'` without `sandbox`,
 * because Chromium refuses to show a PDF under a sandboxing CSP (the viewer is its own origin).
 */
const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  "application/pdf": (b) => ascii(b, 0, 5) === "%PDF-",
  "image/png": (b) => b[0] === 0x89 && ascii(b, 1, 3) === "PNG",
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => ascii(b, 0, 4) === "GIF8",
  "image/webp": (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP",
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export const SERVABLE_TYPES = Object.keys(SIGNATURES);

/** The type a file may be served as: its declared type when allowed and matching its bytes; else null. */
export function servableType(declared: string, bytes: Uint8Array): string | null {
  const type = declared.split(";")[0]!.trim().toLowerCase();
  const matches = SIGNATURES[type];
  return matches && matches(bytes) ? type : null;
}

/** A file name safe in a header: letters, digits and a few marks; with an extension that fits the type. */
function safeFilename(name: string, type: string | null): string {
  const base = name.normalize("NFKD").replace(/[^\w.\- ]+/g, "_").replace(/^\.+/, "").slice(0, 120) || "document";
  if (type) return base;
  return base.endsWith(".bin") ? base : `${base}.bin`;
}

export interface ServedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
  sha256?: string;
}

export function documentResponse(file: ServedFile, options: { download?: boolean; cache?: "private" | "no-store"; frameable?: boolean } = {}): Response {
  const bytes = file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes);
  const type = servableType(file.mime, bytes);
  const inline = Boolean(type) && !options.download;
  const filename = safeFilename(file.name, type);
  const frameAncestors = options.frameable === false ? "'none'" : "'self'";
  const csp =
    type === "application/pdf" && inline
      ? `default-src 'none'; img-src data:; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`
      : `sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`;
  const headers = new Headers({
    "content-type": type ?? "application/octet-stream",
    "content-length": String(bytes.byteLength),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": options.frameable === false ? "DENY" : "SAMEORIGIN",
    "cross-origin-resource-policy": "same-origin",
    "referrer-policy": "no-referrer",
    "cache-control": options.cache === "no-store" ? "private, no-store" : "private, max-age=3600",
  });
  if (file.sha256) headers.set("etag", `"${file.sha256}"`);
  return new Response(bytes as BodyInit, { headers });
}
