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
const idOrSlug = { type: 'string', description: 'Slug or id.' }
const related = { oneOf: [{ type: 'object', additionalProperties: true }, { type: ['integer', 'string'] }] }

export const openapi = {
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
