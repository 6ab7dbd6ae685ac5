/**
 * Lexical rich text (the JSON Payload's Lexical editor stores) built from document blocks:
 * paragraphs stay paragraphs, runs of bullets become one bulleted list.
 */
import type { Block } from './readDocument'

const text = (value: string) => ({ type: 'text', text: value, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const element = { format: '', indent: 0, version: 1, direction: 'ltr' } as const

const paragraph = (value: string) => ({ ...element, type: 'paragraph', textFormat: 0, textStyle: '', children: [text(value)] })
const heading = (value: string) => ({ ...element, type: 'heading', tag: 'h3', children: [text(value)] })
const bulletList = (items: string[]) => ({
  ...element,
  type: 'list',
  listType: 'bullet',
  tag: 'ul',
  start: 1,
  children: items.map((item, i) => ({ ...element, type: 'listitem', value: i + 1, children: [text(item)] })),
})

export type LexicalDocument = { root: { type: 'root'; children: unknown[] } & typeof element }

export function lexicalFromBlocks(blocks: Block[]): LexicalDocument | undefined {
  const children: unknown[] = []
  let bullets: string[] = []
  const flush = () => {
    if (bullets.length) children.push(bulletList(bullets))
    bullets = []
  }
  for (const block of blocks) {
    if (block.type === 'bullet') {
      bullets.push(block.text)
      continue
    }
    flush()
    children.push(block.type === 'heading' ? heading(block.text) : paragraph(block.text))
  }
  flush()
  return children.length ? { root: { ...element, type: 'root', children } } : undefined
}
