/**
 * When a public site page answers 404 or 5xx, the body Next.js streams is replaced by the site's
 * own server-rendered page (src/site/fallbackPages.ts): readable without JavaScript, and never a
 * stack trace. The status stays as Next.js set it. A hook on the status as it is written
 * (src/http/responseHooks.ts): only then does Next.js's status for the page exist.
 */
import { fallbackPage } from '../site/fallbackPages'
import type { WriteHeadHookFor } from './responseHooks'

const replaces = (status: number) => status === 404 || status >= 500

export const siteFallbackPage: WriteHeadHookFor = (req) => {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(?:admin|api|_next)(?:\/|$)/.test(req.path)) return undefined
  const locale = /^\/es(?:\/|$)/.test(req.path) ? 'es' : 'en'
  return {
    name: 'site fallback page',
    replace: (status) =>
      replaces(status) ? { contentType: 'text/html; charset=utf-8', body: fallbackPage(status === 404 ? 'not-found' : 'unavailable', locale) } : undefined,
  }
}
