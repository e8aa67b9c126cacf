// Signing in through the portal's own sign-in page, the way a person does: pick an existing account
// (the e2e server runs in demo mode), or create a local one with a password.
import type { Page } from "playwright-core";
import { E2E_PASSWORD } from "./api.js";
import { recordSecret } from "./record-secret.js";

export interface Account {
  handle: string;
  name: string;
}

/** Picks an existing account on /sign-in ("Choose your account") and waits until the portal has left the page. */
export async function signIn(page: Page, account: Account, next = "/"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  const picker = page.getByRole("textbox", { name: "Account" }).or(page.getByRole("combobox", { name: "Account" }));
  await picker.first().click();
  await picker.first().fill(account.handle);
  await page.getByRole("option", { name: `${account.name} (@${account.handle})` }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Creates a local account on /sign-in ("Create a local account"), which also signs it in. */
export async function signUp(page: Page, account: Account, next = "/"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByRole("textbox", { name: "Handle" }).fill(account.handle);
  await page.getByRole("textbox", { name: "Name" }).fill(account.name);
  recordSecret("password", E2E_PASSWORD);
  await page.getByLabel(/^Password/).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
