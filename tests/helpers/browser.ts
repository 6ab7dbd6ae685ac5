/**
 * What the browser tests share: Debian's Chromium launched for a sandboxed root user without
 * network, and the production server on a known port (the admin's writes carry an Origin that
 * must match the server URL, for CSRF).
 */
import net from 'node:net'

import { type Browser, chromium, type Page } from 'playwright-core'

import { type RunningServer, startServer } from './server'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

/** The production server (admin and site) on a free, known port. */
export async function startProductionServer(databaseURI: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({
    PORT: String(await freePort()),
    DATABASE_URI: databaseURI,
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'test-secret-for-the-browser-suite-0123456789',
    JOBS_AUTORUN: 'false',
    ...env,
  })
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root in a sandbox, without network: no sandbox, no background calls to Google.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })

/**
 * Payload's edit lock: the editor who last had the document open may still hold it (the unlock
 * sent when leaving a page does not always arrive), and Payload then shows the next person its
 * "document locked" dialog. A reviewer changes no content, so they take the read-only view, as a
 * person would, and act in the review panel. Answers whether the dialog was shown.
 */
export async function passDocumentLock(page: Page): Promise<boolean> {
  await page.waitForLoadState('networkidle')
  const dialog = page.locator('#document-locked')
  if (!(await dialog.isVisible())) return false
  await page.click('#document-locked-view-read-only')
  await dialog.waitFor({ state: 'hidden' })
  return true
}
