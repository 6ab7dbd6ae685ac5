/**
 * The delivery path of the GraphQL page queries: an anonymous query that asks only for published
 * pages (`conditionPage`, `symptomPage`, ... by slug, without `draft` or `asOf`) is executed
 * against the pages' stored text, with no Payload request and no further database read. This is
 * GraphQL's counterpart of servedPages.ts, for front ends that POST their queries (Apollo, urql).
 *
 * What keeps the answer the endpoint's own (src/http/graphql.ts answers everything else):
 * - the query passes the endpoint's checks first (`checkedQuery`: graphql's rules, the limits,
 *   Payload's complexity), against the schema the endpoint serves;
 * - it is completed over the stored values as graphql-js completes what resolvers return
 *   (`storedCompletion`: graphql-js's own field collection, variable and argument coercion, and
 *   each leaf type's serialisation), so the answer is the endpoint's to the byte (tested). A
 *   general executor per request cost 0.7 ms for a condition page, more than the rest together;
 * - the completion reads the page's compact text in place (`completeText`): a value asked for is
 *   completed where it stands, the rest skipped, strings and JSON values copied as JSON.stringify
 *   prints them; parsing the 20 KB page and printing the answer cost as much as the REST read;
 * - each field is read from the stored page only when the stored value is what Payload's resolver
 *   would answer (`storedFieldKinds`); anything else (a record the page holds only as an id, a
 *   field the page left out, any argument below the page, a rich-text node Payload's resolver
 *   would populate, a polymorphic relationship, a join the page holds part of) stops the run, and
 *   so does any error: the request then goes to the endpoint, unchanged.
 * - only for requests whose locale the endpoint's relationship resolvers share: the page in the
 *   request's (default) locale. Payload's resolvers load related records in the request's locale,
 *   not the page query's `locale`, so another locale is left to the endpoint.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNullableType,
  getOperationAST,
  getVariableValues,
  type GraphQLField,
  GraphQLError,
  GraphQLID,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLString,
  isIntrospectionType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql'
// graphql-js's own field collection (fragments, directives, merging), as its executor runs it.
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js'
import type { Payload, SanitizedConfig } from 'payload'

import { siteURLOf } from '../frontendApi/conditionPage'
import { SERVED_AS_STORED, STORED_PAGE } from '../frontendApi/graphql'
import { isPageCollection, type PageCollection, servedPageTextReader, SITE_URL_MARK, withSiteLinksInBytes } from '../publication'
import { checkedQuery, graphQLSchema } from './graphql'
import { resolvePersistedQuery } from './persistedQueries'

type Doc = Record<string, any>

/** How a field of the served schema is answered from a stored page. */
type StoredFieldKind =
  /** The stored value as it is (no resolver). */
  | 'stored'
  /** A page type's own field whose resolver gives the stored value (SERVED_AS_STORED), and its own answer when the page has none. */
  | 'page'
  /** A relationship or upload to one collection: the stored record(s), when populated. */
  | 'record'
  /** A join: the stored docs, when the page holds all of them. */
  | 'join'
  /** A join sorted otherwise than its collection (GraphQL lists in the collection's order): the stored docs, when there is at most one. */
  | 'join of one'
  /** A group Payload resolves as an object whatever is stored (a named group interface): the stored group, or an empty one. */
  | 'group'
  /** Rich text: the stored value, when Payload's resolver would populate nothing in it. */
  | 'richText'
  /** Computed by a resolver the page has no answer for (a polymorphic relationship, a renamed field, ...). */
  | 'computed'

/** Thrown where the stored page cannot answer a field; the request goes to the endpoint. */
class NotStored extends Error {}
const notStored = () => new NotStored('not answered by the stored page')

/** What each field of each object type is, from the field config Payload puts in `extensions`. */
function storedFieldKinds(schema: GraphQLSchema, payload: Payload): Map<string, Map<string, StoredFieldKind>> {
  const defaultSortOf = (collection: string) => (payload.collections as Record<string, { config: { defaultSort?: unknown } } | undefined>)[collection]?.config.defaultSort
  const kinds = new Map<string, Map<string, StoredFieldKind>>()
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue
    const fields = new Map<string, StoredFieldKind>()
    for (const field of Object.values(type.getFields())) fields.set(field.name, kindOf(field, defaultSortOf))
    kinds.set(type.name, fields)
  }
  return kinds
}

function kindOf(field: GraphQLField<unknown, unknown>, defaultSortOf: (collection: string) => unknown): StoredFieldKind {
  if (!field.resolve) return 'stored'
  if (field.extensions?.[SERVED_AS_STORED]) return 'page'
  const config = (field.extensions as { field?: Doc } | undefined)?.field
  // A field whose GraphQL name is not its stored name (Payload renames some) is read by Payload's resolver.
  if (config?.name !== field.name) return 'computed'
  switch (config.type) {
    case 'relationship':
    case 'upload':
      return Array.isArray(config.relationTo) ? 'computed' : 'record'
    case 'join':
      // GraphQL's join lists every doc in the joined collection's own order, without the
      // field's `where`: the page's list is that list when the field sorts the same way.
      if (config.where || Array.isArray(config.collection)) return 'computed'
      return config.defaultSort && config.defaultSort === defaultSortOf(config.collection) ? 'join' : 'join of one'
    case 'group':
      // The group as stored (never null), with the parent's id beside it (which is no GraphQL field).
      return 'group'
    case 'richText':
      return 'richText'
    default:
      return 'computed'
  }
}

const isRecord = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Lexical nodes Payload's GraphQL resolver populates (to its own depth): a page holding one is not answered here. */
const POPULATED_NODES = new Set(['upload', 'relationship', 'block', 'inlineBlock'])
/**
 * BYTE_TEXT: the page is completed over its UTF-8 bytes read as Latin-1 (one character per byte,
 * a one-byte string V8 scans and encodes quickly; decoding 20 KB with one dash in it into UTF-16
 * took longer than the read), and the answer is encoded back as Latin-1, giving the page's own
 * bytes. Every token the completion looks for or cuts at (quotes, brackets, commas, colons,
 * `null`, keys) is ASCII, and no ASCII byte occurs inside another character's UTF-8 encoding, so
 * every string is copied whole. A value completed otherwise (parsed and printed) keeps its
 * Latin-1 characters: JSON.stringify escapes none of them.
 */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/
/** Such a node, or a link to a document, anywhere in a page's text (compact, or as PostgreSQL prints jsonb). */
const POPULATED_IN_TEXT = /"type": ?"(?:upload|relationship|block|inlineBlock)"|"doc": ?[^n ]/
function populatesNothing(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(populatesNothing)
  if (!isRecord(node)) return true
  if (typeof node.type === 'string' && POPULATED_NODES.has(node.type)) return false
  if (isRecord(node.fields) && node.fields.doc != null) return false
  return Object.values(node).every((child) => typeof child !== 'object' || child === null || populatesNothing(child))
}

/**
 * Reading JSON.stringify's text without parsing it: where the stored page is compact text (as
 * snapshots.ts writes it), a field's value is found by its span and a string or JSON value asked
 * for as it is is copied, not parsed and printed again (JSON.parse of a condition page and
 * printing the answer were most of a GraphQL page read's cost). Whitespace between tokens means
 * the text is another printer's (PostgreSQL's jsonb, a migrated row): NotCompact, and the value
 * is parsed instead.
 */
class NotCompact extends Error {}
const notCompact = new NotCompact('not compact JSON text')
const QUOTE = 0x22
const BACKSLASH = 0x5c
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/** The end (exclusive) of the string token at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1
  for (;;) {
    const quote = text.indexOf('"', from)
    if (quote === -1) throw notCompact
    let escapes = 0
    while (text.charCodeAt(quote - 1 - escapes) === BACKSLASH) escapes++
    if (escapes % 2 === 0) return quote + 1
    from = quote + 1
  }
}

/** The end (exclusive) of the JSON value at `start`. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start)
  if (first === QUOTE) return stringEnd(text, start)
  let depth = 0
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) i = stringEnd(text, i) - 1
    else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d || c === 0x2c) {
      if (depth === 0) return i
      if (c !== 0x2c && --depth === 0) return i + 1
    } else if (isSpace(c)) throw notCompact
  }
  if (depth === 0 && start < text.length) return text.length
  throw notCompact
}

/** Scalars whose serialisation is the value itself (Payload's JSON): their text is copied. */
function servesAsItIs(type: GraphQLLeafType): boolean {
  if (type === GraphQLString || type === GraphQLID) return false
  try {
    const [object, list] = [{}, []]
    return type.serialize(object) === object && type.serialize(list) === list && type.serialize('text') === 'text' && type.serialize(1) === 1 && type.serialize(true) === true
  } catch {
    return false
  }
}

/**
 * A field's value from its stored parent, where that is the endpoint's answer; throws NotStored
 * otherwise. `loaded`: the parent is a record the endpoint would load itself (a related record),
 * which holds every field asked for; the page's own objects it reads as stored, where a field
 * left out is null. `plainRichText`: the page's text holds nothing Payload's rich-text resolver
 * populates, so no rich-text value need be walked.
 */
function storedValue(source: Doc, { name, kind, listed, whenAbsent }: FieldPlan, loaded: boolean, plainRichText: boolean): unknown {
  if (!Object.hasOwn(source, name)) {
    if (loaded) throw notStored()
    if (kind === 'stored' || kind === 'richText') return null
    // Payload's resolver answers a relationship the record does not hold (MongoDB leaves empty ones out) as none.
    if (kind === 'record') return listed ? [] : null
    if (kind === 'page' && whenAbsent) return whenAbsent.value
    if (kind === 'group') return {}
    throw notStored()
  }
  const value = source[name]
  switch (kind) {
    case 'stored':
    case 'page':
      return value
    case 'group':
      return value ?? {}
    case 'record':
      // Payload's resolver loads the record; the stored page holds it populated, or only its id.
      if (value === null || (Array.isArray(value) ? value.every(isRecord) : isRecord(value))) return value
      break
    case 'join':
    case 'join of one':
      if (isRecord(value) && value.hasNextPage === false && Array.isArray(value.docs) && value.docs.every(isRecord) && (kind === 'join' || value.docs.length <= 1)) return value
      break
    case 'richText':
      if (value === null || plainRichText || populatesNothing(value)) return value
      break
  }
  throw notStored()
}

interface FieldPlan {
  key: string
  name: string
  kind: StoredFieldKind | '__typename'
  type: GraphQLOutputType
  /** The field's nodes: what is asked of the object (or list of them) it holds. */
  nodes: readonly FieldNode[]
  listed: boolean
  /** For a 'page' field: its resolver's answer when the page has no such key. */
  whenAbsent?: { value: unknown }
  /** The key as JSON prints it, with its colon, once. */
  printedKey?: string
}

/**
 * Completes stored values as graphql-js completes what resolvers return: the same field
 * collection (fragments, @skip/@include, merged fields, graphql-js's own `collectSubfields`),
 * aliases, `__typename`, lists, non-null and each leaf type's own serialisation, fields in the
 * query's order. It answers only what graphql-js would answer without errors: a null for a
 * non-null field, a value a scalar refuses, an abstract type, and anything the stored page cannot
 * answer as the endpoint would, throw NotStored.
 */
function storedCompletion(schema: GraphQLSchema, kinds: Map<string, Map<string, StoredFieldKind>>, document: DocumentNode, variableValues: Record<string, unknown>) {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null)
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
  const plans = new WeakMap<readonly FieldNode[], FieldPlan[]>()

  // Each field's nodes are asked once per object type (fields below an object are of that type).
  const planOf = (type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldPlan[] => {
    const known = plans.get(nodes)
    if (known) return known
    const fieldKinds = kinds.get(type.name)
    const plan: FieldPlan[] = []
    for (const [key, fieldNodes] of collectSubfields(schema, fragments, variableValues, type, nodes)) {
      const name = fieldNodes[0].name.value
      if (name === '__typename') {
        plan.push({ key, name, kind: '__typename', type: GraphQLString, nodes: fieldNodes, listed: false })
        continue
      }
      // An argument below the page query asks for something the page did not compute.
      if (fieldNodes.some((node) => node.arguments?.length)) throw notStored()
      const field = type.getFields()[name]
      if (!field) throw notStored()
      const served = field.extensions?.[SERVED_AS_STORED] as { whenAbsent?: unknown } | undefined
      plan.push({
        key,
        name,
        kind: fieldKinds?.get(name) ?? 'computed',
        type: field.type,
        nodes: fieldNodes,
        listed: isListType(getNullableType(field.type)),
        whenAbsent: served && Object.hasOwn(served, 'whenAbsent') ? { value: served.whenAbsent } : undefined,
      })
    }
    plans.set(nodes, plan)
    return plan
  }

  const complete = (value: unknown, type: GraphQLOutputType, nodes: readonly FieldNode[], loaded: boolean, plainRichText: boolean): unknown => {
    if (isNonNullType(type)) {
      if (value == null) throw notStored()
      return complete(value, type.ofType, nodes, loaded, plainRichText)
    }
    if (value == null) return null
    if (isListType(type)) {
      if (!Array.isArray(value)) throw notStored()
      return value.map((item) => complete(item, type.ofType, nodes, loaded, plainRichText))
    }
    if (isLeafType(type)) {
      const serialized: unknown = type.serialize(value)
      if (serialized == null) throw notStored()
      return serialized
    }
    if (!isObjectType(type) || !isRecord(value)) throw notStored()
    const out: Doc = {}
    for (const field of planOf(type, nodes)) {
      if (field.kind === '__typename') out[field.key] = type.name
      else if (field.kind === 'computed') throw notStored()
      else {
        const child = storedValue(value, field, loaded, plainRichText)
        out[field.key] = complete(child, field.type, field.nodes, loaded || field.kind === 'record' || field.kind === 'join' || field.kind === 'join of one', plainRichText)
      }
    }
    return out
  }

  /**
   * The same completion over the page's compact text, printed: `complete`'s answer as
   * JSON.stringify prints it. One pass: a value asked for is completed where it stands, one not
   * asked for is skipped; `at` is where the value just read ends.
   */
  const asItIs = new Map<GraphQLLeafType, boolean>()
  const byName = new WeakMap<FieldPlan[], Map<string, number[]>>()
  let at = 0
  const completeText = (text: string, start: number, type: GraphQLOutputType, nodes: readonly FieldNode[], loaded: boolean, plainRichText: boolean): string => {
    const first = text.charCodeAt(start)
    const isNull = first === 0x6e
    if (isNonNullType(type)) {
      if (isNull) throw notStored()
      return completeText(text, start, type.ofType, nodes, loaded, plainRichText)
    }
    if (isNull) {
      at = valueEnd(text, start)
      return 'null'
    }
    if (isListType(type)) {
      if (first !== 0x5b) throw notStored()
      let out = '['
      at = start + 1
      if (text.charCodeAt(at) !== 0x5d) {
        for (;;) {
          out += completeText(text, at, type.ofType, nodes, loaded, plainRichText)
          if (text.charCodeAt(at) !== 0x2c) break
          out += ','
          at++
        }
      }
      if (text.charCodeAt(at) !== 0x5d) throw notCompact
      at++
      return out + ']'
    }
    if (isLeafType(type)) {
      const end = valueEnd(text, start)
      at = end
      // A string is its own serialisation as String or ID; a JSON value is its own as Payload's JSON.
      if (first === QUOTE && (type === GraphQLString || type === GraphQLID)) return text.slice(start, end)
      let same = asItIs.get(type)
      if (same === undefined) asItIs.set(type, (same = servesAsItIs(type)))
      if (same) return text.slice(start, end)
      return JSON.stringify(complete(JSON.parse(text.slice(start, end)), type, nodes, loaded, plainRichText))
    }
    if (!isObjectType(type) || first !== 0x7b) throw notStored()
    const plan = planOf(type, nodes)
    let indexes = byName.get(plan)
    if (!indexes) {
      indexes = new Map()
      plan.forEach((field, i) => indexes!.set(field.name, [...(indexes!.get(field.name) ?? []), i]))
      byName.set(plan, indexes)
    }
    const answers: (string | undefined)[] = new Array(plan.length)
    /** A member read otherwise than in place (absent, a join, a group or rich text to check): through storedValue and `complete`. */
    const completedOtherwise = (field: FieldPlan, parent: Doc) =>
      JSON.stringify(complete(storedValue(parent, field, loaded, plainRichText), field.type, field.nodes, loaded || field.kind === 'record' || field.kind === 'join' || field.kind === 'join of one', plainRichText))
    at = start + 1
    if (text.charCodeAt(at) !== 0x7d) {
      for (;;) {
        if (text.charCodeAt(at) !== QUOTE) throw notCompact
        const keyEnd = stringEnd(text, at)
        const raw = text.slice(at + 1, keyEnd - 1)
        const name = raw.includes('\\') ? (JSON.parse(text.slice(at, keyEnd)) as string) : raw
        if (text.charCodeAt(keyEnd) !== 0x3a) throw notCompact
        const valueStart = keyEnd + 1
        const asked = indexes.get(name)
        if (!asked) at = valueEnd(text, valueStart)
        else {
          let valueEndsAt = -1
          for (const i of asked) {
            const field = plan[i]
            if (field.kind === '__typename' || field.kind === 'computed') continue
            const c = text.charCodeAt(valueStart)
            const inPlace = field.kind === 'stored' || field.kind === 'page' || field.kind === 'record' || (field.kind === 'richText' && plainRichText) || (field.kind === 'group' && c === 0x7b)
            if (inPlace) {
              const related = loaded || field.kind === 'record'
              answers[i] = completeText(text, valueStart, field.type, field.nodes, related, plainRichText)
            } else {
              at = valueEndsAt === -1 ? valueEnd(text, valueStart) : valueEndsAt
              answers[i] = completedOtherwise(field, { [name]: JSON.parse(text.slice(valueStart, at)) })
            }
            valueEndsAt = at
          }
          if (valueEndsAt === -1) at = valueEnd(text, valueStart)
          else at = valueEndsAt
        }
        const next = text.charCodeAt(at)
        if (next === 0x7d) break
        if (next !== 0x2c) throw notCompact
        at++
      }
    }
    const objectEnd = at + 1
    let out = '{'
    for (let i = 0; i < plan.length; i++) {
      const field = plan[i]
      if (i) out += ','
      field.printedKey ??= `${JSON.stringify(field.key)}:`
      out += field.printedKey
      if (field.kind === '__typename') out += JSON.stringify(type.name)
      else if (field.kind === 'computed') throw notStored()
      else out += answers[i] ?? completedOtherwise(field, {})
    }
    at = objectEnd
    return out + '}'
  }
  return { complete, completeText }
}

/** The GraphQL-over-HTTP media type of the answer, for the Accept headers front ends send; undefined for others (the endpoint negotiates those). */
function mediaTypeOf(accept: string | undefined): string | undefined {
  const first = (accept ?? '*/*').split(',', 1)[0].trim().toLowerCase()
  if (first === 'application/graphql-response+json') return 'application/graphql-response+json; charset=utf-8'
  if (first === 'application/json' || first === '*/*') return 'application/json; charset=utf-8'
  return undefined
}

/** The page queries of an operation, when that is all it asks for: by slug, with at most `locale`. */
function onlyPageQueries(operation: OperationDefinitionNode, pageQueries: Set<string>) {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === '__typename' || (pageQueries.has(selection.name.value) && (selection.arguments ?? []).every((arg) => arg.name.value === 'slug' || arg.name.value === 'locale'))),
    )
  )
}

export interface GraphQLRead {
  query?: unknown
  variables?: unknown
  operationName?: unknown
  extensions?: unknown
}

export function graphQLPagesFromSnapshots(payload: Payload, config: Promise<SanitizedConfig>) {
  const localization = payload.config.localization
  const defaultLocale = localization ? localization.defaultLocale : 'en'
  const siteURL = siteURLOf({ payload } as Parameters<typeof siteURLOf>[0])
  let readText: ReturnType<typeof servedPageTextReader> | undefined

  /** A page the public is served now (null when none), or NotStored when this path may not read it. */
  const readPage = async (collection: unknown, args: Record<string, unknown>): Promise<{ text: string | null; plainRichText: boolean }> => {
    const locale = args.locale ?? defaultLocale
    if (typeof collection !== 'string' || !isPageCollection(collection) || locale !== defaultLocale || typeof args.slug !== 'string' || args.draft != null || args.asOf != null) throw notStored()
    readText ??= servedPageTextReader(payload)
    // Site links are swapped in the answer (`answer`), which is shorter than the page.
    const bytes = await readText(collection as PageCollection, args.slug, locale as never, SITE_URL_MARK)
    if (bytes === undefined) throw notStored()
    if (bytes === null) return { text: null, plainRichText: true }
    // The page's bytes as Latin-1, one character each (BYTE_TEXT).
    const text = bytes.toString('latin1')
    return { text, plainRichText: !POPULATED_IN_TEXT.test(text) }
  }

  let prepared: Promise<{ schema: GraphQLSchema; rules: Awaited<ReturnType<typeof graphQLSchema>>['validationRules']; pageQueries: Set<string>; kinds: ReturnType<typeof storedFieldKinds> }> | undefined
  const prepare = () =>
    (prepared ??= config.then(graphQLSchema).then(({ schema, validationRules }) => {
      const served = schema as GraphQLSchema
      const pageQueries = new Set(Object.values(served.getQueryType()!.getFields()).filter((field) => field.extensions?.[STORED_PAGE]).map((field) => field.name))
      return { schema: served, rules: validationRules, pageQueries, kinds: storedFieldKinds(served, payload) }
    }))

  type RootFields = [string, readonly FieldNode[]][]
  const completions = new WeakMap<OperationDefinitionNode, { completion: ReturnType<typeof storedCompletion>; rootFields: RootFields }>()
  /** The operation's data from the stored pages, as JSON text, or NotStored. */
  const dataOf = async (schema: GraphQLSchema, kinds: ReturnType<typeof storedFieldKinds>, document: DocumentNode, operation: OperationDefinitionNode, inputs: Record<string, unknown>) => {
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], inputs)
    if (variables.errors) throw notStored()
    const variableValues = variables.coerced
    const queryType = schema.getQueryType()!
    // Without variables, what the document asks of each type is the same on every request: the
    // root fields too, whose node lists key the plans below them.
    const reusable = !operation.variableDefinitions?.length
    let prepared = reusable ? completions.get(operation) : undefined
    if (!prepared) {
      const fragments: Record<string, FragmentDefinitionNode> = Object.create(null)
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
      prepared = {
        completion: storedCompletion(schema, kinds, document, variableValues),
        rootFields: [...collectFields(schema, fragments, variableValues, queryType, operation.selectionSet)],
      }
      if (reusable) completions.set(operation, prepared)
    }
    const { completion, rootFields } = prepared
    const values = await Promise.all(
      rootFields.map(([, nodes]) => {
        const field = queryType.getFields()[nodes[0].name.value]
        return field ? readPage(field.extensions?.[STORED_PAGE], getArgumentValues(field, nodes[0], variableValues)) : queryType.name
      }),
    )
    const members = rootFields.map(([key, nodes], i) => {
      const value = values[i]
      if (typeof value === 'string' || value.text === null) return `${JSON.stringify(key)}:${JSON.stringify(typeof value === 'string' ? value : completion.complete(null, queryType.getFields()[nodes[0].name.value].type, nodes, false, true))}`
      const type = queryType.getFields()[nodes[0].name.value].type
      try {
        return `${JSON.stringify(key)}:${completion.completeText(value.text, 0, type, nodes, false, value.plainRichText)}`
      } catch (error) {
        if (!(error instanceof NotCompact)) throw error
        return `${JSON.stringify(key)}:${JSON.stringify(completion.complete(JSON.parse(value.text), type, nodes, false, value.plainRichText))}`
      }
    })
    return `{${members.join(',')}}`
  }

  /**
   * The answer (body and headers) to an anonymous GraphQL read with no parameters of Payload's
   * own (`locale` in the URL or body), or undefined when this path does not answer it.
   */
  return async function answer(read: GraphQLRead, accept: string | undefined): Promise<{ body: Buffer; headers: [string, string][] } | undefined> {
    const contentType = mediaTypeOf(accept)
    if (!contentType) return undefined
    const { variables, operationName } = read
    if ((variables != null && !isRecord(variables)) || (operationName != null && typeof operationName !== 'string')) return undefined
    let query = read.query
    if (read.extensions != null) {
      const persisted = resolvePersistedQuery(read.extensions, query)
      if (persisted.kind === 'found') query = persisted.query
      else if (persisted.kind !== 'given') return undefined
    }
    if (typeof query !== 'string' || !query) return undefined
    const { schema, rules, pageQueries, kinds } = await prepare()
    const document = checkedQuery(schema, rules, query, variables ?? undefined, operationName ?? undefined)
    const operation = document && getOperationAST(document, operationName ?? undefined)
    if (!document || !operation || !onlyPageQueries(operation, pageQueries)) return undefined
    try {
      const data = await dataOf(schema, kinds, document, operation, variables ?? {})
      // Only bytes of the page and ASCII of this file's own are expected (BYTE_TEXT); anything
      // else would be cut by Latin-1, so the endpoint answers instead.
      if (BEYOND_LATIN1.test(data)) throw notStored()
      return { body: withSiteLinksInBytes(Buffer.from(`{"data":${data}}`, 'latin1'), siteURL), headers: [['content-type', contentType]] }
    } catch (error) {
      // Whatever the stored pages cannot answer (or graphql-js would report) is the endpoint's;
      // so is a read that failed, which the endpoint answers (and reports) in its own way.
      if (!(error instanceof NotStored || error instanceof GraphQLError)) payload.logger.warn({ err: error, msg: 'GraphQL page query not answered from the stored pages; answered by the endpoint' })
      return undefined
    }
  }
}

const READ_PARAMS = new Set(['query', 'variables', 'operationName', 'extensions'])

/**
 * The GraphQL read a request makes (a GET's URL, or a POST's JSON body, parsed by
 * `graphQLBodyOf`), when it carries only GraphQL's own parameters; undefined for anything else
 * (Payload's `locale` and the like are the endpoint's to read).
 */
export function graphQLReadOf(method: string, url: string, body?: Record<string, unknown>): GraphQLRead | undefined {
  const at = url.indexOf('?')
  if (method === 'POST') {
    if (at !== -1 || body === undefined) return undefined
    return Object.keys(body).every((name) => READ_PARAMS.has(name)) ? body : undefined
  }
  if (method !== 'GET' || at === -1) return undefined
  const params = new URLSearchParams(url.slice(at + 1))
  const read: Record<string, unknown> = {}
  for (const [name, value] of params) {
    if (!READ_PARAMS.has(name) || name in read) return undefined
    if (name === 'query' || name === 'operationName') read[name] = value
    else {
      try {
        read[name] = JSON.parse(value)
      } catch {
        return undefined
      }
    }
  }
  return read
}
