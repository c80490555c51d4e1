import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { countTasks } from "@/lib/tasks/task-list";
import { NavLink } from "@/components/shell/nav-link";

/** "Tasks" in the navigation, with the number of open tasks (refreshed with every live update of the page). */
export async function TasksNavLink({ user }: { user: SessionUser }) {
  const [count, t] = await Promise.all([countTasks(user), getTranslations("tasks.nav")]);
  return (
    <NavLink href="/tasks">
      {t("tasks")}
      {count > 0 ? (
        <>
          <span aria-hidden className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold leading-5 text-white" data-testid="tasks-count">
            {count > 99 ? "99+" : count}
          </span>
          <span className="sr-only">, {t("badge", { count })}</span>
        </>
      ) : null}
    </NavLink>
  );
}
