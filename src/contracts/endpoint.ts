import type { Endpoint, SanitizedConfig } from 'payload'

import { buildOpenAPIDocument, type OpenAPIDocument } from './openapi'

const documents = new WeakMap<SanitizedConfig, Promise<OpenAPIDocument>>()

/**
 * `GET /api/openapi.json`: the REST API's OpenAPI 3.1 document.
 *
 * Built from the running config rather than read from the committed file: it then describes
 * this deployment exactly (e.g. string ids on MongoDB, where the committed file, generated on
 * SQLite, has numbers), and needs no file next to a bundled server. The test suite checks that
 * it equals the committed `src/contracts/openapi.json`. Built once per process.
 */
export const openAPIEndpoint: Endpoint = {
  path: '/openapi.json',
  method: 'get',
  handler: async (req) => {
    const config = req.payload.config
    let document = documents.get(config)
    if (!document) {
      document = buildOpenAPIDocument(config)
      documents.set(config, document)
      document.catch(() => documents.delete(config))
    }
    return Response.json(await document, { headers: { 'Cache-Control': 'public, max-age=300' } })
  },
  custom: {
    openapi: {
      operationId: 'getOpenAPIDocument',
      summary: 'This document',
      description: 'The REST API as OpenAPI 3.1, generated from the running configuration.',
      tags: ['contracts'],
      security: [{}],
      responses: {
        '200': {
          description: 'The OpenAPI document.',
          content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string', const: '3.1.0' } } } } },
        },
      },
    },
  },
}
