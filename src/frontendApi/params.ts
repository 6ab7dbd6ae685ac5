/**
 * Reading query parameters of the front-end endpoints. A parameter that cannot be used is a
 * BadQuery (src/errors): a 400 whose message says what to send instead, on REST and GraphQL alike.
 */
import type { PayloadRequest, SelectType, TypedLocale } from 'payload'

import { BadQuery } from '../errors'

type Raw = unknown

const single = (name: string, raw: Raw): string | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (Array.isArray(raw) || typeof raw === 'object') throw new BadQuery(`Send \`${name}\` once, as a single value.`)
  return String(raw)
}

export function numberParam(name: string, raw: Raw, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number | undefined {
  const text = single(name, raw)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new BadQuery(`\`${name}\` must be ${integer ? 'a whole number' : 'a number'}, not "${text.slice(0, 40)}".`)
  }
  if (value < min || value > max) throw new BadQuery(`\`${name}\` must be between ${min} and ${max}, not ${value}.`)
  return value
}

export function requiredNumber(name: string, raw: Raw, range: { min: number; max: number; integer?: boolean }): number {
  const value = numberParam(name, raw, range)
  if (value === undefined) throw new BadQuery(`\`${name}\` is required (a number between ${range.min} and ${range.max}).`)
  return value
}

export function booleanParam(name: string, raw: Raw): boolean | undefined {
  const text = single(name, raw)
  if (text === undefined) return undefined
  if (text === 'true' || text === '1') return true
  if (text === 'false' || text === '0') return false
  throw new BadQuery(`\`${name}\` must be true or false, not "${text.slice(0, 40)}".`)
}

export function stringParam(name: string, raw: Raw, maxLength = 200): string | undefined {
  const text = single(name, raw)?.trim()
  if (text === undefined || text === '') return undefined
  if (text.length > maxLength) throw new BadQuery(`\`${name}\` is longer than ${maxLength} characters.`)
  return text
}

/** A list as `a,b,c` or repeated parameters (`x=a&x=b`). */
export function listParam(name: string, raw: Raw, { maxItems = 20, maxLength = 200 } = {}): string[] {
  if (raw === undefined || raw === null || raw === '') return []
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw new BadQuery(`\`${name}\` must be a comma-separated list of values.`)
    return String(item).split(',')
  })
  const items = [...new Set(parts.map((item) => item.trim()).filter(Boolean))]
  if (items.length > maxItems) throw new BadQuery(`\`${name}\` takes at most ${maxItems} values.`)
  const long = items.find((item) => item.length > maxLength)
  if (long) throw new BadQuery(`A value of \`${name}\` is longer than ${maxLength} characters.`)
  return items
}

/** The locale the caller asked for, checked against the configured ones. */
export function localeParam(req: PayloadRequest, raw: Raw): TypedLocale | undefined {
  const text = single('locale', raw)
  if (text === undefined) return undefined
  const codes = req.payload.config.localization ? req.payload.config.localization.localeCodes : []
  if (text !== 'all' && !codes.includes(text)) throw new BadQuery(`Unknown locale "${text.slice(0, 20)}". Use one of: ${codes.join(', ')}.`)
  return text as TypedLocale
}

/** The `locale` asked for, else the request's own (Payload's `locale` query or default). */
export const requestedLocale = (req: PayloadRequest, raw: Raw): TypedLocale | undefined =>
  localeParam(req, raw) ?? (req.locale as TypedLocale | undefined)

/** Payload's `select` shape: `select[name]=true&select[symptoms]=true`, nested for groups. */
export function selectParam(raw: Raw, depth = 0): SelectType | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (typeof raw !== 'object' || Array.isArray(raw) || depth > 5) {
    throw new BadQuery('`select` must name fields, e.g. select[name]=true&select[symptoms]=true.')
  }
  const select: SelectType = {}
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(field)) throw new BadQuery(`\`select\` has an invalid field name "${field.slice(0, 40)}".`)
    if (value === 'true' || value === true) select[field] = true
    else if (value === 'false' || value === false) select[field] = false
    else select[field] = selectParam(value, depth + 1) as SelectType
  }
  return select
}

// Payload fills in `depth` on every request; endpoints that take no depth ignore it.
const PAYLOAD_ADDED = ['depth']

/** The query parameters, refused with a 400 naming any the endpoint does not take. */
export function knownParams(req: PayloadRequest, allowed: string[]): Record<string, unknown> {
  const given = (req.query ?? {}) as Record<string, unknown>
  const unknown = Object.keys(given).filter((name) => !allowed.includes(name) && !PAYLOAD_ADDED.includes(name))
  if (unknown.length) throw new BadQuery(`Unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => u.slice(0, 40)).join(', ')}. This endpoint takes ${allowed.join(', ')}.`)
  return given
}
