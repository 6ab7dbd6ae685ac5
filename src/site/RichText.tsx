/**
 * Rich text on the public site: Payload's Lexical-to-JSX renderer with its own link converters,
 * so that no link is written with a dangerous href (`javascript:`, `data:`, `vbscript:`, in any
 * spelling; src/richText/links.ts), even in content stored before saves refused such links. A
 * link whose URL is not allowed keeps its text and loses the link.
 */
import type { ReactNode } from 'react'

import type { SerializedAutoLinkNode, SerializedLinkNode } from '@payloadcms/richtext-lexical'
import { type JSXConverter, type JSXConvertersFunction, RichText } from '@payloadcms/richtext-lexical/react'

import { isSafeLinkURL } from '../richText/links'

/** Where a document link leads on the site: (collection, slug) to a path, or undefined. */
export type DocumentHref = (collection: string, slug: string) => string | undefined

/** As stored, which is not always what the types promise (content from before the guard, or written around it). */
interface LinkFields {
  linkType?: unknown
  url?: unknown
  newTab?: unknown
  doc?: { relationTo?: unknown; value?: unknown } | null
}

/** The href for a link node, or undefined when it has none the site may write. */
function hrefOf(fields: LinkFields, documentHref: DocumentHref): string | undefined {
  if (fields.linkType === 'internal') {
    // Populated by the API (depth >= 1): the linked record's page; an id alone leads nowhere here.
    const value = fields.doc?.value as { slug?: unknown } | undefined
    const slug = value && typeof value === 'object' && typeof value.slug === 'string' ? value.slug : undefined
    const collection = fields.doc?.relationTo
    return typeof collection === 'string' && slug ? documentHref(collection, slug) : undefined
  }
  return isSafeLinkURL(fields.url) && fields.url !== '' ? fields.url : undefined
}

const linkConverter =
  (documentHref: DocumentHref): JSXConverter<SerializedLinkNode | SerializedAutoLinkNode> =>
  ({ node, nodesToJSX }) => {
    const children: ReactNode = nodesToJSX({ nodes: node.children })
    const fields: LinkFields = node.fields ?? {}
    const href = hrefOf(fields, documentHref)
    if (!href) return <>{children}</>
    return fields.newTab ? (
      <a href={href} rel="noopener noreferrer" target="_blank">
        {children}
      </a>
    ) : (
      <a href={href}>{children}</a>
    )
  }

export function SafeRichText({ data, documentHref }: { data: unknown; documentHref: DocumentHref }) {
  const converters: JSXConvertersFunction = ({ defaultConverters }) => ({
    ...defaultConverters,
    link: linkConverter(documentHref),
    autolink: linkConverter(documentHref),
  })
  return <RichText data={data as Parameters<typeof RichText>[0]['data']} converters={converters} />
}
