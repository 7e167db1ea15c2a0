import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (tools/scripts/ensure-system-deps.sh installs it); no browser download. */
export const CHROMIUM_PATH = process.env['CLICKSTREAM_CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * Headless Chromium with a fresh profile. The background-networking flags keep it from calling
 * Google's services, which a closed network refuses many times a second.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: run bash tools/scripts/ensure-system-deps.sh (installs Debian's chromium)`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'clickstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Tall enough for the whole dashboard: a full-page screenshot would resize the page and re-render it.
    viewport: { width: 1500, height: 1450 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
