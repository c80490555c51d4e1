import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { TEST_PASSWORD } from "../tests/factories";

export { DEMO_PASSWORD, DEMO_USERS, TEST_PASSWORD };

/** Signs in through the real form and waits for the pipeline, as a user would see it. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
}
