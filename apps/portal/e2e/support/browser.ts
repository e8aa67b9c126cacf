// Headless Debian Chromium for the e2e suite, driven by playwright-core (`npx playwright install` cannot
// download browsers on these machines). A missing browser skips the suite locally and fails it in CI.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Why the suite cannot run here, or null when it can. Throws under CI=true, where skipping would hide a gap. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `no Chromium at ${CHROMIUM_PATH} (install Debian's \`chromium\` or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") throw new Error(`e2e: ${reason}; CI must run the browser tests`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** "Chromium 156.0.8078.114 (/usr/bin/chromium)": the build this run drives, from the browser itself. */
export async function browserVersion(): Promise<string> {
  const browser = await launchBrowser();
  try {
    return `Chromium ${browser.version()} (${CHROMIUM_PATH})`;
  } finally {
    await browser.close();
  }
}
