import { describe, expect, it } from "vitest";
import { documentResponse, servableType } from "./document-response";

const pdf = new TextEncoder().encode("%PDF-1.7\n...");
const html = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");

describe("serving stored files", () => {
  it("serves a real PDF inline with nosniff, a disposition and a CSP that runs no script", () => {
    const response = documentResponse({ name: "Proposal v2.pdf", mime: "application/pdf", bytes: pdf });
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="Proposal v2.pdf"/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(response.headers.get("content-security-policy")).not.toMatch(/script-src/);
  });

  it("turns HTML, SVG and mislabelled files into sandboxed downloads", () => {
    for (const file of [
      { name: "x.html", mime: "text/html", bytes: html },
      { name: "x.svg", mime: "image/svg+xml", bytes: new TextEncoder().encode("<svg onload=alert(1)>") },
      { name: "fake.pdf", mime: "application/pdf", bytes: html },
    ]) {
      const response = documentResponse(file);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.bin"/);
      expect(response.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
    }
    expect(servableType("image/png; charset=binary", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe("image/png");
  });

  it("keeps header-breaking names out of Content-Disposition", () => {
    const response = documentResponse({ name: 'a"\r\nSet-Cookie: x=1.pdf', mime: "application/pdf", bytes: pdf, sha256: "abc" });
    expect(response.headers.get("content-disposition")).not.toMatch(/[\r\n]|Set-Cookie: /);
    expect(response.headers.get("etag")).toBe('"abc"');
  });
});
