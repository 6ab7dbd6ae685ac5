/**
 * Text as search sees it: lower case, accents folded ("Ciática" = "ciatica"), punctuation
 * dropped; and the small edit distance used to forgive typos ("neuropaty" -> "neuropathy").
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export const wordsOf = (text: string) => normalize(text).split(' ').filter(Boolean)

/** Plain text of a Lexical rich-text value (paragraphs, lists, headings). */
export function plainText(value: unknown): string {
  const out: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { text, children, root } = node as { text?: unknown; children?: unknown; root?: unknown }
    if (typeof text === 'string') out.push(text)
    if (root) walk(root)
    if (Array.isArray(children)) children.forEach(walk)
  }
  walk(value)
  return out.join(' ')
}

/**
 * Optimal-string-alignment distance (a swap of neighbours counts as one edit), giving up once
 * it exceeds `limit`, which keeps a scan over the vocabulary cheap.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prevPrev: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > limit) return limit + 1
    prevPrev = prev
    prev = row
  }
  return prev[b.length]
}

/** How many typos a word of this length may carry: none under 4 letters, one up to 7, then two. */
export const typoAllowance = (word: string) => (word.length < 4 ? 0 : word.length < 8 ? 1 : 2)
