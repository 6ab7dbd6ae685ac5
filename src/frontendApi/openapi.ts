/**
 * OpenAPI operation objects for the front-end endpoints, attached to each endpoint as
 * `custom.openapi` and collected into /api/openapi.json by src/contracts.
 */
const error = { $ref: '#/components/schemas/Error' }
const errors = (extra: Record<string, string> = {}) => ({
  400: { description: 'A parameter cannot be used; the message says what to send.', content: { 'application/json': { schema: error } } },
  ...Object.fromEntries(Object.entries(extra).map(([status, description]) => [status, { description, content: { 'application/json': { schema: error } } }])),
})
const param = (name: string, description: string, schema: Record<string, unknown>, required = false, where: 'query' | 'path' = 'query') => ({
  name,
  in: where,
  required: where === 'path' ? true : required,
  description,
  schema,
})
const locale = param('locale', 'Content locale; missing translations fall back to English.', { type: 'string', enum: ['en', 'es'] })
const pageParams = (maxLimit: number, defaultLimit: number) => [
  param('page', 'Page number, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  param('limit', 'Results per page.', { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit }),
]
const pagination = {
  totalDocs: { type: 'integer' },
  page: { type: 'integer' },
  limit: { type: 'integer' },
  totalPages: { type: 'integer' },
  hasNextPage: { type: 'boolean' },
  hasPrevPage: { type: 'boolean' },
}
const paginationKeys = Object.keys(pagination)
const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const asOf = param('asOf', 'Staff only: the page exactly as the public was served it at this ISO 8601 time (from the publication history).', { type: 'string', format: 'date-time' })
const historyEntry = {
  type: 'object',
  required: ['at', 'event'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    event: { type: 'string', enum: ['publish', 'unpublish', 'delete', 'rerender'] },
    version: { type: ['string', 'null'], description: 'The published version the page was rendered from.' },
    approval: { type: ['object', 'null'], properties: { reviewer: { type: ['string', 'null'] }, credentials: { type: ['string', 'null'] }, approvedAt: { type: ['string', 'null'], format: 'date-time' } } },
    cause: { type: ['object', 'null'], description: 'For a re-render: the embedded record whose change re-rendered the page ({ collection, id, slug, event }), or { event: "restore", from, backupCreatedAt } when a restore gave every record a new id.', additionalProperties: true },
  },
}
const pageCard = {
  type: 'object',
  required: ['id', 'name', 'slug'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    slug: { type: 'string' },
    summary: { type: ['string', 'null'] },
    specialties: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, slug: { type: 'string' } } } },
  },
}
const idOrSlug = { type: 'string', description: 'Slug or id.' }
const related = { oneOf: [{ type: 'object', additionalProperties: true }, { type: ['integer', 'string'] }] }

export const openapi = {
  recordPage: (collection: string, key: string, name: string) => ({
    operationId: `get${key[0].toUpperCase()}${key.slice(1)}Page`,
    tags: ['Front end'],
    summary: `A ${name} page, as published`,
    description: `The published ${name} by slug, with its related records embedded and each rich-text field also as HTML (\`<field>HTML\`), served from the snapshot written when it was published.`,
    parameters: [param('slug', `The ${name} slug.`, { type: 'string' }, true, 'path'), locale, asOf],
    responses: {
      200: json({ type: 'object', required: [key], properties: { [key]: ref(collection), ...(collection === 'locations' ? {} : { review: { type: 'object', additionalProperties: true } }) } }, `The ${name} page.`),
      ...errors({ 403: 'asOf is for staff only.', 404: `No published ${name} has that slug.` }),
    },
  }),
  pageHistory: (collection: string, name: string) => ({
    operationId: `get${collection.replace(/(^|-)([a-z])/g, (_m: string, _d: string, c: string) => c.toUpperCase())}PageHistory`,
    tags: ['Front end'],
    summary: `Publication history of a ${name} page (staff)`,
    description: 'Newest first: each time the public copy changed, why (published, unpublished, deleted, or re-rendered because an embedded record changed), the version and the approval it came from.',
    parameters: [param('slug', `The ${name} slug.`, { type: 'string' }, true, 'path'), locale, param('limit', 'Entries to return.', { type: 'integer', minimum: 1, maximum: 200, default: 50 })],
    responses: {
      200: json({ type: 'object', required: ['docs'], properties: { docs: { type: 'array', items: historyEntry } } }, 'The history.'),
      ...errors({ 403: 'Staff only.', 404: 'The page has no history.' }),
    },
  }),
  deliveryList: (collection: string, name: string) => ({
    operationId: `list${collection.replace(/(^|-)([a-z])/g, (_m: string, _d: string, c: string) => c.toUpperCase())}Pages`,
    tags: ['Front end'],
    summary: `Published ${name} pages in name order, by cursor`,
    description: 'No total count: pass nextCursor back as cursor while hasMore is true. The cost of a page of results does not grow with the collection.',
    parameters: [
      locale,
      param('limit', 'Results per page.', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
      param('cursor', 'The nextCursor of the previous page, unchanged.', { type: 'string' }),
      param('letter', 'Only names starting with this letter or digit (accents and case folded).', { type: 'string', pattern: '^[A-Za-z0-9]$' }),
      ...(collection === 'conditions' || collection === 'locations' ? [param('specialty', 'Only pages in this specialty (its slug).', { type: 'string' })] : []),
    ],
    responses: {
      200: json(
        { type: 'object', required: ['docs', 'limit', 'hasMore', 'nextCursor'], properties: { docs: { type: 'array', items: pageCard }, limit: { type: 'integer' }, hasMore: { type: 'boolean' }, nextCursor: { type: ['string', 'null'] } } },
        'One page of the list.',
      ),
      ...errors(),
    },
  }),
  conditionPage: {
    operationId: 'getConditionPage',
    tags: ['Front end'],
    summary: 'A condition page in one request',
    description:
      'A published condition by slug with its subtypes, symptoms grouped as the content groups them, diagnostic tests, treatments grouped by invasiveness and kind, causes, risk factors, prognosis, specialties, references, review metadata and schema.org JSON-LD. Staff may add draft=true.',
    parameters: [
      param('slug', 'The condition slug.', { type: 'string' }, true, 'path'),
      locale,
      param('depth', 'How deeply related records are embedded (0 gives ids, no JSON-LD).', { type: 'integer', minimum: 0, maximum: 2, default: 1 }),
      { name: 'select', in: 'query', style: 'deepObject', explode: true, description: "Payload's field selection, e.g. select[name]=true&select[symptoms]=true.", schema: { type: 'object', additionalProperties: true } },
      param('draft', 'Staff only: read the latest draft. Ignored for everyone else.', { type: 'boolean' }),
      asOf,
    ],
    responses: {
      200: json(
        {
          type: 'object',
          required: ['condition'],
          properties: {
            condition: ref('conditions'),
            symptomGroups: {
              type: 'array',
              items: { type: 'object', required: ['group', 'label', 'symptoms'], properties: { group: { type: 'string' }, label: { type: 'string' }, symptoms: { type: 'array', items: related } } },
            },
            treatmentGroups: {
              type: 'array',
              items: {
                type: 'object',
                required: ['invasiveness', 'label', 'kinds'],
                properties: {
                  invasiveness: { type: 'string', enum: ['nonsurgical', 'surgical'] },
                  label: { type: 'string' },
                  kinds: {
                    type: 'array',
                    items: { type: 'object', properties: { kind: { type: 'string' }, label: { type: 'string' }, treatments: { type: 'array', items: related } } },
                  },
                },
              },
            },
            review: {
              type: 'object',
              properties: {
                reviewedBy: { type: ['object', 'null'], properties: { name: { type: 'string' }, credentials: { type: ['string', 'null'] } } },
                lastReviewedAt: { type: ['string', 'null'], format: 'date-time' },
                nextReviewDue: { type: ['string', 'null'], format: 'date-time' },
                reviewOverdue: { type: 'boolean' },
              },
            },
            jsonLd: { type: 'object', description: 'schema.org MedicalWebPage about a MedicalCondition.', additionalProperties: true },
          },
        },
        'The condition page.',
      ),
      ...errors({ 404: 'No published condition has that slug.' }),
    },
  },
  conditionJsonLd: {
    operationId: 'getConditionJsonLd',
    tags: ['Front end'],
    summary: "A condition's schema.org JSON-LD",
    parameters: [param('slug', 'The condition slug.', { type: 'string' }, true, 'path'), locale],
    responses: {
      200: { description: 'A MedicalWebPage about a MedicalCondition.', content: { 'application/ld+json': { schema: { type: 'object', additionalProperties: true } } } },
      ...errors({ 404: 'No published condition has that slug.' }),
    },
  },
  bySymptoms: {
    operationId: 'findConditionsBySymptoms',
    tags: ['Front end'],
    summary: 'Conditions that list the given symptoms, most matches first',
    parameters: [param('symptoms', 'Symptom slugs or ids, comma-separated (at most 20).', { type: 'string' }, true), ...pageParams(100, 20), locale],
    responses: {
      200: json(
        {
          type: 'object',
          required: ['symptoms', 'unknownSymptoms', 'docs', ...paginationKeys],
          properties: {
            symptoms: { type: 'array', items: { type: 'object', properties: { id: { type: ['integer', 'string'] }, name: { type: 'string' }, slug: { type: 'string' } } } },
            unknownSymptoms: { type: 'array', items: { type: 'string' } },
            docs: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  condition: { type: 'object', properties: { id: { type: ['integer', 'string'] }, name: { type: 'string' }, slug: { type: 'string' }, summary: { type: ['string', 'null'] } } },
                  matchCount: { type: 'integer' },
                  matchedSymptoms: { type: 'array', items: { type: 'string' } },
                },
              },
            },
            ...pagination,
          },
        },
        'Matching conditions, ranked.',
      ),
      ...errors(),
    },
  },
  nearby: {
    operationId: 'findNearbyLocations',
    tags: ['Front end'],
    summary: 'Care locations near a point, nearest first',
    parameters: [
      param('lat', 'Latitude in decimal degrees.', { type: 'number', minimum: -90, maximum: 90 }, true),
      param('lng', 'Longitude in decimal degrees.', { type: 'number', minimum: -180, maximum: 180 }, true),
      param('radiusKm', 'Search radius in kilometres.', { type: 'number', exclusiveMinimum: 0, maximum: 500, default: 25 }),
      param('condition', 'Only locations that treat this condition.', idOrSlug),
      param('treatment', 'Only locations that offer this treatment.', idOrSlug),
      param('specialty', 'Only locations with this specialty.', idOrSlug),
      param('acceptingNewPatients', 'Only locations accepting (or not accepting) new patients.', { type: 'boolean' }),
      ...pageParams(100, 20),
      locale,
      param('depth', 'How deeply related records are embedded.', { type: 'integer', minimum: 0, maximum: 2, default: 1 }),
    ],
    responses: {
      200: json(
        {
          type: 'object',
          required: ['origin', 'radiusKm', 'docs', ...paginationKeys],
          properties: {
            origin: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } } },
            radiusKm: { type: 'number' },
            docs: {
              type: 'array',
              items: {
                type: 'object',
                required: ['distanceKm', 'distanceMiles', 'location'],
                properties: { distanceKm: { type: 'number' }, distanceMiles: { type: 'number' }, location: ref('locations') },
              },
            },
            ...pagination,
          },
        },
        'Locations within the radius, nearest first.',
      ),
      ...errors(),
    },
  },
  search: {
    operationId: 'searchContent',
    tags: ['Front end'],
    summary: 'Search published conditions, symptoms, treatments and tests',
    description: 'Every word must match; case and accents are ignored; name matches rank first; a word matching nothing is corrected to the nearest indexed name word (see correctedQuery).',
    parameters: [
      param('q', 'What to look for (2 to 200 characters).', { type: 'string', minLength: 2, maxLength: 200 }, true),
      param('types', 'Collections to search, comma-separated.', { type: 'string', example: 'conditions,symptoms' }),
      ...pageParams(50, 10),
      locale,
    ],
    responses: {
      200: json(
        {
          type: 'object',
          required: ['q', 'correctedQuery', 'docs', ...paginationKeys],
          properties: {
            q: { type: 'string' },
            correctedQuery: { type: ['string', 'null'] },
            docs: {
              type: 'array',
              items: {
                type: 'object',
                required: ['collection', 'id', 'name', 'slug', 'score', 'matchedIn'],
                properties: {
                  collection: { type: 'string', enum: ['conditions', 'symptoms', 'treatments', 'diagnostic-tests'] },
                  id: { type: 'string' },
                  name: { type: 'string' },
                  slug: { type: 'string' },
                  summary: { type: ['string', 'null'] },
                  score: { type: 'number' },
                  matchedIn: { type: 'string', enum: ['name', 'body'] },
                },
              },
            },
            ...pagination,
          },
        },
        'Ranked results.',
      ),
      ...errors(),
    },
  },
}
