/**
 * Rich text as HTML for front ends, with `@payloadcms/richtext-lexical`'s own converter. Links to
 * documents lead to the public page of the record (the paths of the reference site, which any
 * front end may mirror); a link whose document is not populated (unreadable, or read at depth 0)
 * keeps its text and loses the link rather than pointing nowhere.
 */
import { convertLexicalToHTML, defaultHTMLConverters, type HTMLConverters } from '@payloadcms/richtext-lexical/html'

import { isSafeLinkURL, PAGE_PATHS } from './links'

type LinkFields = { linkType?: string; url?: string; newTab?: boolean; doc?: { relationTo?: string; value?: unknown } | null }

function hrefOf(fields: LinkFields): string | null {
  if (fields.linkType === 'internal') {
    const value = fields.doc?.value as { slug?: unknown } | undefined
    const path = PAGE_PATHS[fields.doc?.relationTo ?? '']
    return path && value && typeof value === 'object' && typeof value.slug === 'string' ? `/${path}/${value.slug}` : null
  }
  return isSafeLinkURL(fields.url) && fields.url ? fields.url : null
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const converters: HTMLConverters = {
  ...defaultHTMLConverters,
  link: ({ node, nodesToHTML }) => {
    const children = nodesToHTML({ nodes: node.children }).join('')
    const fields = (node.fields ?? {}) as LinkFields
    const href = hrefOf(fields)
    if (!href) return children
    return `<a href="${escapeAttribute(href)}"${fields.newTab ? ' rel="noopener noreferrer" target="_blank"' : ''}>${children}</a>`
  },
}
converters.autolink = converters.link as never

/** HTML of a Lexical value, or null when there is none. */
export function richTextToHTML(value: unknown): string | null {
  if (!value || typeof value !== 'object' || !(value as { root?: unknown }).root) return null
  return convertLexicalToHTML({ data: value as never, converters, disableContainer: true })
}
