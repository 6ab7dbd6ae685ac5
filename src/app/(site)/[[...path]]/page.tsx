/**
 * Every public page, by path: `/`, `/conditions/:slug`, `/symptoms/:slug`, `/treatments/:slug`,
 * `/tests/:slug`, `/search?q=`, `/care`; the same under `/es/`. Rendered on the server from the
 * public API on each request (the API's own cache makes that cheap); an editor previews a draft
 * with `?preview=true` while signed in to the admin.
 */
import type { Metadata } from 'next'
import { cookies } from 'next/headers'
import { notFound } from 'next/navigation'

import { isStaff } from '../../../site/api'
import { dictionaries, splitLocale } from '../../../site/i18n'
import { CarePage, ConditionPage, HomePage, isRecordPath, RecordPage, SearchPage } from '../../../site/pages'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ path?: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, rest } = splitLocale((await params).path)
  const t = dictionaries[locale]
  const title = rest.length === 2 ? rest[1].replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : rest[0] === 'search' ? t.search : rest[0] === 'care' ? t.careNearYou : t.allConditions
  return { title: `${title} · ${t.siteName}`, description: t.tagline }
}

export default async function SitePage({ params, searchParams }: Props) {
  const { locale, rest } = splitLocale((await params).path)
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, single(v)]))
  const t = dictionaries[locale]
  const props = { t, locale }

  let page: React.ReactNode = null
  if (rest.length === 0) page = await HomePage(props)
  else if (rest.length === 2 && rest[0] === 'conditions') {
    // A draft preview needs a staff session; anyone else sees the published page.
    const token = query.preview === 'true' ? (await cookies()).get('payload-token')?.value : undefined
    const preview = Boolean(token) && (await isStaff(token))
    page = await ConditionPage({ ...props, slug: rest[1], viewer: preview ? { token } : {}, preview })
  } else if (rest.length === 2 && isRecordPath(rest[0])) page = await RecordPage({ ...props, kind: rest[0], slug: rest[1] })
  else if (rest.length === 1 && rest[0] === 'search') page = await SearchPage({ ...props, q: query.q ?? '' })
  else if (rest.length === 1 && rest[0] === 'care') page = await CarePage({ ...props, params: query })
  if (!page) notFound()
  return page
}
