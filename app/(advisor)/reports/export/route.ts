import { requireUser } from "@/lib/auth/session";
import { AppError, problemResponse } from "@/lib/errors";
import { reportQueryOf } from "@/lib/reports/filters";
import { REPORT_KINDS, reportCsv, type ReportKind } from "@/lib/reports/csv";

/** GET /reports/export?report=funnel|turnaround|time-in-status&from=&to=&advisor=: one report as CSV. */
export async function GET(request: Request) {
  let locale: "de" | "en" = "en";
  try {
    const user = await requireUser();
    locale = user.locale;
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const kind = params.report;
    if (!(REPORT_KINDS as readonly string[]).includes(kind ?? "")) throw new AppError("VALIDATION", "reports.errors.kind", { fieldErrors: { report: ["reports.errors.kind"] } });
    const { filename, body } = await reportCsv(kind as ReportKind, await reportQueryOf(user, params), locale);
    return new Response(body, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return problemResponse(error, { route: "reports/export" }, locale);
  }
}
