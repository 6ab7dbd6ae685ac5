/**
 * From blocks to a structured condition: sections are recognised by what their headings mean
 * (causes, risk factors, symptoms, diagnosis, treatment, recovery...), not by their wording or
 * position, and lists become linked records. Nothing here knows about one particular document.
 */
import type { SYMPTOM_GROUPS } from '../../collections/Conditions'
import type { TEST_KINDS } from '../../collections/DiagnosticTests'
import { slugify } from '../../collections/fields/slugify'
import type { SYMPTOM_CATEGORIES } from '../../collections/Symptoms'
import type { INVASIVENESS, TREATMENT_KINDS } from '../../collections/Treatments'
import { type Block, ImportInputError, tidy } from './readDocument'

export type SectionKind =
  | 'overview'
  | 'types'
  | 'causes'
  | 'riskFactors'
  | 'symptoms'
  | 'diagnosis'
  | 'treatment'
  | 'treatment-nonsurgical'
  | 'treatment-surgical'
  | 'recovery'
  | 'callToAction'

export interface Section {
  kind: SectionKind
  heading: string
  blocks: Block[]
}

/** A select field's stored values, read from its option list so the two cannot drift apart. */
type OptionValue<Options extends readonly { value: string }[]> = Options[number]['value']
type SymptomGroup = OptionValue<typeof SYMPTOM_GROUPS>
type SymptomCategory = OptionValue<typeof SYMPTOM_CATEGORIES>
type TestKind = OptionValue<typeof TEST_KINDS>
type TreatmentKind = OptionValue<typeof TREATMENT_KINDS>
type Invasiveness = OptionValue<typeof INVASIVENESS>

export interface StructuredCondition {
  name: string
  slug: string
  summary: string
  /** The overview's blocks, for the rich-text description. */
  description: Block[]
  prognosis: Block[]
  types: { name: string; explanation?: string; section: string }[]
  causes: { name: string; description?: string; section: string }[]
  riskFactors: { name: string; description?: string; modifiable: boolean; section: string }[]
  symptoms: { name: string; description?: string; group: SymptomGroup; category: SymptomCategory; section: string }[]
  diagnosticTests: { name: string; kind: TestKind; detects?: string; description?: string; section: string }[]
  treatments: { name: string; kind: TreatmentKind; invasiveness: Invasiveness; description?: string; section: string }[]
  specialties: string[]
  sections: { kind: SectionKind; heading: string }[]
}

/** What a heading is about. `undefined`: a sub-heading inside the current section. */
export function classifyHeading(heading: string): SectionKind | undefined {
  const h = heading.toLowerCase()
  if (/^(find|search|locate|book|schedule|request|call)\b|\bnear(by| you| me)\b|\blocations?\b/.test(h)) return 'callToAction'
  if (/\brisk factors?\b|\bwho (is|gets)\b.*\brisk\b/.test(h)) return 'riskFactors'
  if (/\bcauses?\b|\bwhat causes\b/.test(h)) return 'causes'
  if (/\bsymptoms?\b|\bsigns\b/.test(h)) return 'symptoms'
  if (/\bdiagnos/.test(h)) return 'diagnosis'
  if (/\bnon-?\s?surgical\b|\bconservative\b/.test(h)) return 'treatment-nonsurgical'
  if (/\bsurg(ical|ery)\b/.test(h)) return 'treatment-surgical'
  if (/\btreat|\btherap|\bmanag/.test(h)) return 'treatment'
  if (/\brecover|\bprognosis\b|\boutlook\b|\bliving with\b/.test(h)) return 'recovery'
  if (/\btypes?\b|\bkinds?\b|\bforms?\b/.test(h)) return 'types'
  if (/^what (is|are)\b|\boverview\b|\babout\b|\bdefinition\b/.test(h)) return 'overview'
  return undefined
}

export function splitIntoSections(blocks: Block[]): Section[] {
  const sections: Section[] = []
  let current: Section | undefined
  for (const block of blocks) {
    if (block.type === 'heading') {
      const kind = classifyHeading(block.text) ?? (sections.length === 0 && !current ? 'overview' : undefined)
      if (kind) {
        current = { kind, heading: block.text, blocks: [] }
        sections.push(current)
        continue
      }
    }
    if (!current) {
      // Prose before any heading belongs to the overview.
      current = { kind: 'overview', heading: '', blocks: [] }
      sections.push(current)
    }
    current.blocks.push(block)
  }
  return sections
}

/** "Term – explanation", "Term - explanation", "Term: explanation". */
export function splitTerm(text: string): { term: string; explanation?: string } {
  const match = text.match(/^(.{2,80}?)\s+[–—-]\s+(.+)$/) ?? text.match(/^([^:]{2,60}):\s+(.+)$/)
  if (!match) return { term: tidy(text) }
  return { term: tidy(match[1]), explanation: sentenceCase(tidy(match[2])) }
}

const sentenceCase = (text: string) => (text ? text[0].toUpperCase() + text.slice(1) : text)
const withoutEndPunctuation = (text: string) => text.replace(/[.;:,\s]+$/, '')

/** "Discolored skin (related to blood flow changes)" -> name and note. */
function nameAndNote(text: string): { name: string; note?: string } {
  const { term, explanation } = splitTerm(text)
  const paren = term.match(/^(.*?)\s*\(([^)]+)\)\s*$/)
  if (paren) return { name: withoutEndPunctuation(paren[1]), note: sentenceCase(paren[2]) + (explanation ? `. ${explanation}` : '') }
  return { name: withoutEndPunctuation(term), note: explanation }
}

function subjectOf(sections: Section[], blocks: Block[]): string {
  const counts = new Map<string, number>()
  for (const section of sections) {
    if (section.kind === 'callToAction' || section.kind === 'overview') continue
    const match = section.heading.match(/\b(?:of|for|from|with)\s+(.+?)\??$/i)
    if (!match) continue
    const subject = match[1].toLowerCase().replace(/(?<=\w{4})ies$/, 'y')
    counts.set(subject, (counts.get(subject) ?? 0) + 1)
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]
  if (best && best[1] >= 2) return sentenceCase(best[0])
  const title = blocks.find((b) => b.type === 'heading')?.text ?? ''
  const fromTitle = title.match(/^what (?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\??$/i)?.[1] ?? title.replace(/\?$/, '')
  return sentenceCase(fromTitle.trim())
}

const SPECIALTIES: [RegExp, string][] = [
  [/\borthop(a)?edic/i, 'Orthopedics'],
  [/\bneurolog/i, 'Neurology'],
  [/\bneurosurg/i, 'Neurosurgery'],
  [/\brheumatolog/i, 'Rheumatology'],
  [/\bendocrinolog/i, 'Endocrinology'],
  [/\bcardiolog|\bheart (doctor|specialist)/i, 'Cardiology'],
  [/\bdermatolog|\bskin (doctor|specialist)/i, 'Dermatology'],
  [/\bpain (management|medicine|specialist)/i, 'Pain medicine'],
  [/\bgastroenterolog/i, 'Gastroenterology'],
  [/\bpulmonolog|\blung (doctor|specialist)/i, 'Pulmonology'],
  [/\bhand (surgeon|specialist|doctor)/i, 'Hand surgery'],
]

const specialtiesIn = (texts: string[]) => {
  const found = new Set<string>()
  for (const text of texts) for (const [pattern, name] of SPECIALTIES) if (pattern.test(text)) found.add(name)
  return [...found]
}

function symptomCategory(text: string, group: SymptomGroup): SymptomCategory {
  if (/\bpain|ache|burning|stabbing|shooting\b/i.test(text)) return 'pain'
  if (/numb|tingl|sensation|sensitiv|feel/i.test(text)) return 'sensory'
  if (/weak|strength|balance|coordination|paralys/i.test(text)) return 'motor'
  if (/skin|swell|discolor|sweat|rash/i.test(text)) return 'skin'
  if (/sleep|depress|anxi|mood|fatigue/i.test(text)) return 'mood-sleep'
  return group === 'pain' ? 'pain' : 'general'
}

function testKind(text: string): TestKind {
  if (/histor/i.test(text)) return 'history'
  if (/physical|exam/i.test(text)) return 'physical-exam'
  if (/blood|\blab/i.test(text)) return 'blood-test'
  if (/imag|\bct\b|\bmri\b|x-?ray|ultrasound|scan/i.test(text)) return 'imaging'
  if (/nerve|electromyograph|\bemg\b|conduction/i.test(text)) return 'nerve-function'
  return 'other'
}

const DETECTION_VERBS = ['detect', 'look for', 'check for', 'identify', 'rule out', 'find', 'determine', 'evaluate', 'show', 'record']

/** "…may be ordered to look for herniated discs." -> "Herniated discs": the most specific verb wins. */
function whatItDetects(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+/)
  for (const verb of DETECTION_VERBS) {
    for (const sentence of sentences) {
      const match = sentence.match(new RegExp(`\\b${verb.replace(/^(\w+)/, '$1(?:s|es)?')}\\s+(.+?)[.!?]?$`, 'i'))
      if (match) return sentenceCase(withoutEndPunctuation(match[1]))
    }
  }
  return undefined
}

function treatmentKindFrom(text: string): TreatmentKind | undefined {
  if (/surg|operation|decompression|fusion|-ectomy\b/i.test(text)) return 'surgery'
  if (/medic|drug|prescri|pain relievers?|anti-?\w+|antidepress|topical|cream|patch/i.test(text)) return 'medication'
  if (/therap|stimulation|exercise|massage|acupunct/i.test(text)) return 'therapy'
  if (/lifestyle|diet|weight|sleep|quit|home/i.test(text)) return 'lifestyle'
  if (/procedure|injection|exchange|block|ablation/i.test(text)) return 'procedure'
  return undefined
}

/** Surgery described only in prose: name it by what it does. */
function surgeryFromProse(prose: string): string {
  if (/(reduce|relieve|remov\w*|take)\s+(the\s+)?pressure|decompress/i.test(prose)) return 'Decompression surgery'
  if (/fus(e|ion)/i.test(prose)) return 'Spinal fusion'
  if (/replace/i.test(prose)) return 'Replacement surgery'
  return 'Surgery'
}

const firstSentences = (text: string, max = 400) => {
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [text]
  let out = ''
  for (const sentence of sentences) {
    if (out && (out + sentence).length > max) break
    out += sentence
  }
  return tidy(out).slice(0, max)
}

export function structureCondition(blocks: Block[]): StructuredCondition {
  const sections = splitIntoSections(blocks)
  const recognised = sections.filter((s) => s.kind !== 'overview' && s.kind !== 'callToAction')
  if (recognised.length < 2) {
    throw new ImportInputError(
      'No recognisable sections: expected headings about causes, risk factors, symptoms, diagnosis, treatment or recovery.',
    )
  }
  const name = subjectOf(sections, blocks)
  const result: StructuredCondition = {
    name,
    slug: slugify(name),
    summary: '',
    description: [],
    prognosis: [],
    types: [],
    causes: [],
    riskFactors: [],
    symptoms: [],
    diagnosticTests: [],
    treatments: [],
    specialties: [],
    sections: sections.map(({ kind, heading }) => ({ kind, heading })),
  }

  for (const section of sections) {
    const { blocks: body, heading } = section
    const bullets = body.filter((b) => b.type === 'bullet').map((b) => b.text)
    switch (section.kind) {
      case 'overview':
      case 'types': {
        if (section.kind === 'overview') result.description.push(...body.filter((b) => b.type !== 'heading'))
        for (const bullet of bullets) {
          const { term, explanation } = splitTerm(bullet)
          result.types.push({ name: withoutEndPunctuation(term), explanation, section: heading })
        }
        break
      }
      case 'causes':
        for (const bullet of bullets) {
          const { name: causeName, note } = nameAndNote(bullet)
          result.causes.push({ name: causeName, description: note, section: heading })
        }
        break
      case 'riskFactors':
        for (const bullet of bullets) {
          const { name: factor, note } = nameAndNote(bullet)
          const fixed = /\b(age|aging|genetic|family history|heredit|sex|gender|race|ethnic)/i.test(factor)
          result.riskFactors.push({ name: factor, description: note, modifiable: !fixed, section: heading })
        }
        break
      case 'symptoms': {
        let group: SymptomGroup = 'other'
        for (const block of body) {
          if (block.type !== 'bullet') {
            if (/\bother\b/i.test(block.text)) group = 'other'
            else if (/\bpain\b/i.test(block.text)) group = 'pain'
            else if (/\bnumb|tingl|sensation/i.test(block.text)) group = 'sensory'
            continue
          }
          const { name: symptom, note } = nameAndNote(block.text)
          result.symptoms.push({ name: symptom, description: note, group, category: symptomCategory(symptom, group), section: heading })
        }
        break
      }
      case 'diagnosis': {
        // A sub-heading followed by prose is a step ("Medical History"); bullets are tests.
        for (let i = 0; i < body.length; i++) {
          const block = body[i]
          if (block.type === 'heading') {
            const prose: string[] = []
            let j = i + 1
            while (j < body.length && body[j].type === 'paragraph') prose.push(body[j++].text)
            // "Diagnostic testing" introduces the tests listed under it; "Physical Exam" is one.
            const introducesList = body[j]?.type === 'bullet' && /\btest(s|ing)?\b|\bdiagnos/i.test(block.text)
            if (prose.length && !introducesList) {
              result.diagnosticTests.push({ name: block.text, kind: testKind(block.text), description: prose.join(' '), detects: whatItDetects(prose[0]), section: heading })
            }
          } else if (block.type === 'bullet') {
            const { term, explanation } = splitTerm(block.text)
            const passive = term.match(/^(.+?)\s+(?:are|is|can be|may be)\s+(?:performed|used|done|ordered|taken)\s+(.+)$/i)
            const testName = withoutEndPunctuation(passive ? passive[1] : term)
            const detail = explanation ?? (passive ? sentenceCase(passive[2]) : undefined)
            result.diagnosticTests.push({
              name: testName,
              kind: testKind(`${testName} ${detail ?? ''}`),
              description: detail,
              detects: detail ? (whatItDetects(detail) ?? detail) : undefined,
              section: heading,
            })
          }
        }
        break
      }
      case 'treatment':
      case 'treatment-nonsurgical':
      case 'treatment-surgical': {
        const surgical = section.kind === 'treatment-surgical'
        let contextKind: TreatmentKind | undefined = surgical ? 'surgery' : undefined
        for (const block of body) {
          if (block.type !== 'bullet') {
            contextKind = treatmentKindFrom(block.text) ?? contextKind
            continue
          }
          const { term, explanation } = splitTerm(block.text)
          const kind = surgical ? 'surgery' : (treatmentKindFrom(term) ?? contextKind ?? 'therapy')
          result.treatments.push({
            name: withoutEndPunctuation(term),
            kind,
            invasiveness: surgical || kind === 'surgery' ? 'surgical' : 'nonsurgical',
            description: explanation,
            section: heading,
          })
        }
        if (surgical && bullets.length === 0) {
          const prose = body.filter((b) => b.type === 'paragraph').map((b) => b.text).join(' ')
          if (prose) result.treatments.push({ name: surgeryFromProse(prose), kind: 'surgery', invasiveness: 'surgical', description: prose, section: heading })
        }
        break
      }
      case 'recovery':
        result.prognosis.push(...body.filter((b) => b.type !== 'heading'))
        break
      case 'callToAction':
        break
    }
  }

  const cta = sections.filter((s) => s.kind === 'callToAction').map((s) => s.heading)
  result.specialties = specialtiesIn(cta)
  if (!result.specialties.length) result.specialties = specialtiesIn(blocks.map((b) => b.text))
  const firstParagraph = result.description.find((b) => b.type === 'paragraph')?.text ?? ''
  result.summary = firstSentences(firstParagraph)
  return result
}
