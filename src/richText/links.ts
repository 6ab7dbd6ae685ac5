/**
 * Which links rich text may hold, shared by the save guard (collections/fields/content.ts) and the
 * public site's renderer (src/site/RichText.tsx): web and e-mail addresses, phone numbers,
 * relative addresses (a path, `?query` or `#anchor`) and links to documents. Never a scheme that
 * runs or carries content of its own (`javascript:`, `data:`, `vbscript:`...), however spelled.
 * No dependencies: it runs in the Payload config and in the site's server components alike.
 */

/**
 * Where each kind of record's public page lives on the reference site, under its locale prefix:
 * the site's routes and the links in rich text rendered as HTML (src/richText/html.ts) share it.
 */
export const PAGE_PATHS: Record<string, string> = { conditions: 'conditions', symptoms: 'symptoms', treatments: 'treatments', 'diagnostic-tests': 'tests' }

/** The schemes a link may name; a link without one is relative. */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/** Character references a browser decodes in an attribute, for a colon, tab or newline. */
const ENCODED_COLON = /&(?:colon|#0*58|#x0*3a)(?:;|(?![\da-z]))/gi
const ENCODED_SPACE = /&(?:tab|newline|#0*(?:9|10|13)|#x0*(?:9|a|d))(?:;|(?![\da-z]))/gi
/**
 * Browsers drop leading and trailing control characters and spaces and every tab and newline
 * before reading a scheme (so `java\tscript:` is `javascript:`); dropping every control and space
 * character anywhere, Unicode ones included, judges at least as strictly as any browser.
 */
const IGNORABLE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g

/** The scheme a browser would read in this URL, in lower case, or null for a relative URL. */
export function linkScheme(url: string): string | null {
  const compact = url.replace(ENCODED_COLON, ':').replace(ENCODED_SPACE, '').replace(IGNORABLE, '')
  return /^([a-z][a-z\d+.-]*):/i.exec(compact)?.[1].toLowerCase() ?? null
}

/** True for an http(s), mailto or tel URL and for a relative one. */
export function isSafeLinkURL(url: unknown): url is string {
  if (typeof url !== 'string') return false
  const scheme = linkScheme(url)
  return scheme === null || ALLOWED_SCHEMES.has(scheme)
}

export const ALLOWED_LINKS_TEXT = 'a link starts with https://, http://, mailto: or tel:, or is relative (/path, #anchor), or links to a document'

interface LinkNodeLike {
  type?: unknown
  fields?: { url?: unknown } | null
  children?: unknown
}

/** Lexical's link node (the link drawer) and autolink node (a pasted address). */
const isLinkNode = (node: LinkNodeLike) => node.type === 'link' || node.type === 'autolink'

/** The text a link shows, for naming it in a message. */
function linkText(node: LinkNodeLike): string {
  const texts: string[] = []
  const pending: unknown[] = [node.children]
  while (pending.length && texts.join('').length < 60) {
    const item = pending.pop()
    if (Array.isArray(item)) pending.push(...[...item].reverse())
    else if (item && typeof item === 'object') {
      const { text, children } = item as { text?: unknown; children?: unknown }
      if (typeof text === 'string') texts.push(text)
      pending.push(children)
    }
  }
  return texts.join('').trim()
}

export interface UnsafeLink {
  url: string
  text: string
}

/**
 * Every link or autolink node in a rich text value (any shape: one locale's editor state, or all
 * locales at once) whose URL is not allowed. Walked without recursion, so no nesting depth hides
 * a link or overflows the stack.
 */
export function findUnsafeLinks(value: unknown): UnsafeLink[] {
  const found: UnsafeLink[] = []
  const pending: unknown[] = [value]
  while (pending.length) {
    const item = pending.pop()
    if (Array.isArray(item)) {
      pending.push(...item)
      continue
    }
    if (!item || typeof item !== 'object') continue
    const node = item as LinkNodeLike
    if (isLinkNode(node) && node.fields && typeof node.fields === 'object') {
      const { url } = node.fields
      // Empty: a document link, which carries no URL of its own.
      if (url !== undefined && url !== null && url !== '' && !isSafeLinkURL(url)) found.push({ url: String(url), text: linkText(node) })
    }
    for (const child of Object.values(item)) if (child && typeof child === 'object') pending.push(child)
  }
  return found
}

/** A URL as it may appear in a message: quoted (control characters escaped), and short. */
export const quoteURL = (url: string, max = 80) => JSON.stringify(url.length > max ? `${url.slice(0, max)}…` : url)
