/**
 * The public site's shell: language, header with search, footer. Condition pages also get their
 * schema.org JSON-LD in the head, read from the public API like everything else. The layout
 * learns the path from the server (`x-careline-path`, set in src/http/app.ts): a root layout
 * inside the catch-all segment would leave Next.js unable to render the 404 page.
 */
import { headers } from 'next/headers'
import Link from 'next/link'
import type React from 'react'

import { conditionJsonLd } from '../../site/api'
import { dictionaries, href, splitLocale } from '../../site/i18n'
import { SITE_ICON_DATA_URL } from '../../site/icon'
import './site.css'

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const path = ((await headers()).get('x-careline-path') ?? '/').split('/').filter(Boolean).map(decodeURIComponent)
  const { locale, rest } = splitLocale(path)
  const t = dictionaries[locale]
  const jsonLd = rest[0] === 'conditions' && rest[1] && rest.length === 2 ? await conditionJsonLd(rest[1], locale).catch(() => null) : null
  const here = `/${rest.join('/')}`
  const other = locale === 'en' ? 'es' : 'en'
  return (
    <html lang={locale}>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The site's icon inline: no /favicon.ico request (which 404ed on every page). */}
        <link rel="icon" href={SITE_ICON_DATA_URL} />
        {jsonLd ? (
          // JSON in a script element: escape "<" so text can never close the element.
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }} />
        ) : null}
      </head>
      <body>
        <a className="skip" href="#content">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <div className="wrap">
            <Link href={href(locale, '/')} className="brand">
              {t.siteName}
            </Link>
            <nav aria-label={t.siteName}>
              <ul>
                <li>
                  <Link href={href(locale, '/')}>{t.conditions}</Link>
                </li>
                <li>
                  <Link href={href(locale, '/search')}>{t.search}</Link>
                </li>
                <li>
                  <Link href={href(locale, '/care')}>{t.careNearYou}</Link>
                </li>
                <li>
                  <Link href={href(other, here)} hrefLang={other} lang={other}>
                    {t.otherLanguage}
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="content" className="wrap">
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>{t.disclaimer}</p>
          </div>
        </footer>
      </body>
    </html>
  )
}
