/**
 * Turns a patient-education document (.txt, .md or .html) into a flat list of blocks:
 * headings, paragraphs and bullets, with whitespace and non-breaking spaces tidied. Everything
 * after this works on blocks, whatever the file format was.
 */
import path from 'node:path'

export type Block =
  | { type: 'heading'; text: string; level: number }
  | { type: 'paragraph'; text: string }
  | { type: 'bullet'; text: string }

export class ImportInputError extends Error {
  override name = 'ImportInputError'
}

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm'] as const
export const MAX_DOCUMENT_BYTES = 512 * 1024

const BULLET = /^\s*(?:[•●▪◦‣∙·*+]|-(?=\s)|\d+[.)](?=\s))\s*/

export function tidy(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Refuses what is not a document: empty, too large, binary, or an unsupported type. */
export function decodeDocument(bytes: Uint8Array, fileName: string): { text: string; format: 'txt' | 'md' | 'html' } {
  const extension = path.extname(fileName).toLowerCase()
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ImportInputError(`"${path.basename(fileName)}" is not a supported document type. Use ${SUPPORTED_EXTENSIONS.join(', ')}.`)
  }
  if (bytes.length === 0) throw new ImportInputError(`"${path.basename(fileName)}" is empty.`)
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new ImportInputError(`"${path.basename(fileName)}" is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${MAX_DOCUMENT_BYTES / 1024} KB per document.`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ImportInputError(`"${path.basename(fileName)}" is not UTF-8 text (it looks like binary data).`)
  }
  // Control characters other than tab and newlines mean binary data with valid UTF-8 bytes.
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0
  if (controls > 0) throw new ImportInputError(`"${path.basename(fileName)}" contains binary data, not text.`)
  if (!text.trim()) throw new ImportInputError(`"${path.basename(fileName)}" has no text.`)
  const format = extension === '.md' ? 'md' : extension === '.txt' ? 'txt' : 'html'
  return { text: text.replace(/^\ufeff/, ''), format }
}

export function readBlocks(text: string, format: 'txt' | 'md' | 'html'): Block[] {
  if (format === 'html') return htmlBlocks(text)
  return format === 'md' ? markdownBlocks(text) : plainTextBlocks(text)
}

/**
 * Plain text: a heading is a short line with no end punctuation that stands alone or directly
 * before prose ("Medical History" then its paragraph); bullets start with a bullet mark.
 */
function plainTextBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/)
  const blocks: Block[] = []
  lines.forEach((raw) => {
    const line = tidy(raw)
    if (!line) return
    if (BULLET.test(raw) && tidy(raw.replace(BULLET, ''))) {
      blocks.push({ type: 'bullet', text: tidy(raw.replace(BULLET, '')) })
      return
    }
    const looksLikeHeading = line.length <= 90 && !/[.:;,]$/.test(line) && /^[A-Z0-9]/.test(line) && line.split(' ').length <= 12
    blocks.push(looksLikeHeading ? { type: 'heading', text: line, level: blocks.length === 0 ? 1 : 2 } : { type: 'paragraph', text: line })
  })
  return blocks
}

function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: stripInlineMarkdown(tidy(paragraph.join(' '))) })
    paragraph = []
  }
  for (const raw of text.split(/\r?\n/)) {
    const heading = raw.match(/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/)
    if (heading) {
      flush()
      blocks.push({ type: 'heading', text: stripInlineMarkdown(tidy(heading[2])), level: heading[1].length })
    } else if (BULLET.test(raw) && tidy(raw.replace(BULLET, ''))) {
      flush()
      blocks.push({ type: 'bullet', text: stripInlineMarkdown(tidy(raw.replace(BULLET, ''))) })
    } else if (!tidy(raw)) {
      flush()
    } else {
      paragraph.push(raw)
    }
  }
  flush()
  return blocks
}

const stripInlineMarkdown = (text: string) =>
  text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', bull: '•', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' }
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ''
    }
    return ENTITIES[name.toLowerCase()] ?? match
  })

/** HTML: headings, paragraphs and list items, in document order; scripts and styles dropped. */
function htmlBlocks(html: string): Block[] {
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
  const blocks: Block[] = []
  const pattern = /<(h[1-6]|p|li|dt|dd)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi
  for (const match of cleaned.matchAll(pattern)) {
    const tag = match[1].toLowerCase()
    const text = tidy(decodeEntities(match[2].replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ' ')))
    if (!text) continue
    if (tag.startsWith('h')) blocks.push({ type: 'heading', text, level: Number(tag[1]) })
    else if (tag === 'li') blocks.push({ type: 'bullet', text })
    else blocks.push({ type: 'paragraph', text })
  }
  return blocks
}
