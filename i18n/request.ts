// next-intl's per-request configuration: the language decided by lib/i18n/request-locale.ts and
// that language's catalogue. No locale in the URL: a person's language follows them, not the link.
import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/lib/i18n/request-locale";
import { messagesFor } from "@/lib/i18n/translate";
import { TIME_ZONE } from "@/lib/format";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
