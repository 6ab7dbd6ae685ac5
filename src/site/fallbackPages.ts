/**
 * The public site's 404 and "not available" pages, as plain server-rendered HTML. Next.js, with
 * two root layouts (the admin's and the site's), can only render its not-found and error pages in
 * the browser; these need no JavaScript and are sent by the server (src/http/siteFallbacks.ts)
 * whenever a site page answers 404 or 5xx.
 */
import { dictionaries, href, type SiteLocale } from './i18n'

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

const STYLE = `body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2330}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}header{background:#f4f7fb;border-bottom:1px solid #d5dbe5}
header .wrap{padding:.75rem 1rem}.brand{font-weight:700;font-size:1.25rem;color:#1d2330;text-decoration:none}
a{color:#0b5cad}h1{font-size:1.9rem;line-height:1.2}main{padding:1rem 0 2rem}`

export function fallbackPage(kind: 'not-found' | 'unavailable', locale: SiteLocale): string {
  const t = dictionaries[locale]
  const other: SiteLocale = locale === 'en' ? 'es' : 'en'
  const title = kind === 'not-found' ? t.notFoundTitle : t.errorTitle
  const text = kind === 'not-found' ? t.notFoundText : t.errorText
  const links = [
    [href(locale, '/'), t.allConditions],
    [href(locale, '/search'), t.search],
    [href(locale, '/care'), t.careNearYou],
    [href(other, '/'), dictionaries[other].allConditions, other],
  ]
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(t.siteName)}</title><meta name="robots" content="noindex"><style>${STYLE}</style></head>
<body><header><div class="wrap"><a class="brand" href="${href(locale, '/')}">${escape(t.siteName)}</a></div></header>
<main class="wrap"><h1>${escape(title)}</h1><p>${escape(text)}</p>
<ul>${links.map(([url, label, lang]) => `<li><a href="${url}"${lang ? ` lang="${lang}" hreflang="${lang}"` : ''}>${escape(label)}</a></li>`).join('')}</ul>
</main></body></html>`
}
