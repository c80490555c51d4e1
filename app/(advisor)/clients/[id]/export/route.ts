import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";
import { exportClientJson } from "@/lib/privacy/export";
import { exportClientPdf } from "@/lib/privacy/export-pdf";

// A client's data on a data-subject request: ?format=json (everything, documents included) or pdf.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const locale = appLocaleOr(await getLocale());
  try {
    const user = await requireUser();
    const { id } = await params;
    if (new URL(request.url).searchParams.get("format") === "pdf") {
      const pdf = await exportClientPdf(user, id, locale);
      return documentResponse({ name: pdf.filename, mime: "application/pdf", bytes: pdf.bytes }, { download: true, cache: "no-store" });
    }
    const { filename, json } = await exportClientJson(user, id);
    return new Response(json, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return problemResponse(error, { route: "client.export" }, locale);
  }
}
