/** Formatting shared by server and client components. Dates are shown in UTC-neutral day form. */
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" });

export const formatDate = (date: Date | string) => dateFormat.format(new Date(date));
export const formatDateTime = (date: Date | string) => dateTimeFormat.format(new Date(date));
export const isoDay = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
