/**
 * API keys are issued by the server, never chosen by a client.
 *
 * Payload stores a key encrypted (`apiKey`) with an HMAC of it (`apiKeyIndex`) that the API-key
 * strategy looks up, and lets anyone who may edit an account write both from the request body.
 * A client could then give its own account a key that is already someone else's (a front end's
 * reader key), and the lookup took whichever account matched. Here:
 * - `POST /api/users/:id/api-key` makes a random key, stores it and answers it once;
 *   `DELETE /api/users/:id/api-key` revokes it. Who may: whoever may update the account (admins
 *   for every account, editors and reviewers for their own; `reader` accounts not even their own).
 * - A key in a create or update body is refused (400) unless server code (Local API with
 *   `overrideAccess`) sets it; `enableAPIKey` and `apiKeyIndex` are written only by these
 *   endpoints or such code.
 * - `apiKeyIndex` is unique in the database: two accounts can never share a key.
 * - Every change of a key is logged: whose key, issued or revoked, and by whom.
 * Payload's own key block in the admin (which makes the key in the browser and sends it) is
 * hidden, since the account lacks that field permission; src/admin/APIKeyField.tsx takes its
 * place and calls the endpoints.
 */
import { randomBytes, randomUUID } from 'node:crypto'

import type { CollectionAfterChangeHook, Endpoint, Field, FieldAccess, FieldHook, PayloadHandler, PayloadRequest } from 'payload'

import { Refusal } from '../../src/errors'
import { hasRole } from '../access/roles'

/** Set on the request context by the endpoints below (and nothing else) while they write a key. */
export const ISSUING_API_KEY = 'issuingAPIKey'

const issuing = (req: PayloadRequest) => req.context?.[ISSUING_API_KEY] === true

const onlyWhileIssuing: FieldAccess = ({ req }) => issuing(req)

/** Admins see whether any account has a key; everyone else only whether their own has. */
const adminOrOwnAccount: FieldAccess = ({ req, doc }) => hasRole(req.user, 'admin') || (req.user !== null && req.user !== undefined && String(doc?.id) === String(req.user.id))

/**
 * Server code (the Local API with `overrideAccess`, e.g. a deploy script) may set a key; a request
 * may not, not even one Payload runs with `overrideAccess` (the admin's first-user registration).
 */
const setByServerCode = (req: PayloadRequest, overrideAccess: boolean | undefined) => overrideAccess === true && req.payloadAPI === 'local'

/** A body that names a key: refused with a message rather than silently dropped. */
const refuseClientChosenKey: FieldHook = ({ value, overrideAccess, req, originalDoc }) => {
  if (value === undefined || value === null || value === '' || issuing(req) || setByServerCode(req, overrideAccess)) return value
  const where = `/api/users/${originalDoc?.id ?? '{id}'}/api-key`
  throw new Refusal(
    `API keys are issued by the server, not chosen by the client. Remove apiKey from the body; POST ${where} issues a new key and shows it once, DELETE ${where} revokes it.`,
    400,
  )
}

/** What a revoked key's index is stored as: never the HMAC of any key (those are 64 hex digits). */
const REVOKED_INDEX = 'revoked:'
const isRevokedIndex = (index: unknown) => typeof index === 'string' && index.startsWith(REVOKED_INDEX)

/**
 * Payload stores a removed key's index as null. On MongoDB, Payload builds the unique index of an
 * optional field as a sparse one, which skips documents without the field but still counts nulls:
 * the second account whose key was revoked was refused (a real `mongod` does the same). A revoked
 * index gets a value of its own instead, on every database, so the index stays unique and every
 * account's key can be revoked.
 */
const revokedIndexStaysUnique: FieldHook = ({ value, siblingData }) => {
  if (value !== null) return value
  // `hasAPIKey` reads this (Payload derives it from the index, which now has a value).
  siblingData.enableAPIKey = false
  return `${REVOKED_INDEX}${randomUUID()}`
}

/**
 * Merged by Payload onto its own API key fields (same names): the access of `apiKey` also
 * governs `enableAPIKey` and `apiKeyIndex`.
 */
export const apiKeyFields: Field[] = [
  {
    name: 'apiKey',
    type: 'text',
    label: 'API key',
    access: { create: onlyWhileIssuing, update: onlyWhileIssuing },
    hooks: { beforeValidate: [refuseClientChosenKey] },
    // Unreadable fields get a plain input on the admin's "create first user" screen; not these.
    admin: { disabled: true },
  },
  { name: 'apiKeyIndex', type: 'text', unique: true, hooks: { beforeChange: [revokedIndexStaysUnique] } },
  {
    name: 'hasAPIKey',
    type: 'checkbox',
    label: 'Has an API key',
    virtual: true,
    access: { read: adminOrOwnAccount },
    admin: { disabled: true },
    // Payload sets it from whether the index has a value, which a revoked one now has too; a
    // revoked key always leaves `enableAPIKey` false (revokedIndexStaysUnique).
    hooks: { afterRead: [({ value, siblingData }) => value === true && siblingData?.enableAPIKey !== false] },
  },
]

/** A new key: 32 random bytes, URL-safe (43 characters). */
export const newAPIKey = () => randomBytes(32).toString('base64url')

const person = (user: PayloadRequest['user']) => (user ? { id: user.id, email: (user as { email?: string }).email, role: (user as { role?: string }).role } : null)

/**
 * The audit line of a key change. `data.apiKeyIndex` is what Payload computed from the key in
 * this write: a string when a key was set, null when one was removed, absent otherwise.
 */
export const logAPIKeyChange: CollectionAfterChangeHook = ({ data, doc, operation, req }) => {
  const index = (data as { apiKeyIndex?: unknown }).apiKeyIndex
  if (index === undefined || ((index === null || isRevokedIndex(index)) && operation === 'create')) return doc
  const change = typeof index === 'string' && !isRevokedIndex(index) ? 'issued' : 'revoked'
  const account = { id: doc.id, email: doc.email, role: doc.role }
  const by = person(req.user)
  req.payload.logger.info(
    { event: `api-key-${change}`, account, by: by ?? 'server code' },
    `API key ${change} for ${account.email} (user ${account.id}) by ${by ? `${by.email} (user ${by.id})` : 'server code'}`,
  )
  return doc
}

const signedIn = (req: PayloadRequest) => {
  if (!req.user) throw new Refusal('Sign in to manage API keys.', 401)
}

const writeKey = (req: PayloadRequest, data: { apiKey: string | null; enableAPIKey: boolean }) =>
  req.payload.update({
    collection: 'users',
    id: req.routeParams!.id as string,
    data,
    depth: 0,
    req,
    // The caller's own rights decide whose key this may be; the flag lets the key fields through.
    overrideAccess: false,
    context: { [ISSUING_API_KEY]: true },
  })

const noStore = { 'Cache-Control': 'no-store' }

const issueAPIKey: PayloadHandler = async (req) => {
  signedIn(req)
  const apiKey = newAPIKey()
  const user = await writeKey(req, { apiKey, enableAPIKey: true })
  return Response.json(
    {
      message: `A new API key for ${user.email}. Copy it now: it is not shown again. Any previous key of this account no longer works.`,
      apiKey,
      user: { id: user.id, email: user.email },
    },
    { status: 201, headers: noStore },
  )
}

const revokeAPIKey: PayloadHandler = async (req) => {
  signedIn(req)
  const user = await writeKey(req, { apiKey: null, enableAPIKey: false })
  return Response.json({ message: `The API key of ${user.email} is revoked.`, user: { id: user.id, email: user.email } }, { headers: noStore })
}

// OpenAPI descriptions (src/contracts/openapi.ts places them at /api/users/{id}/api-key).
const errors = (codes: Record<string, string>) => Object.fromEntries(Object.entries(codes).map(([code, description]) => [code, { $ref: '#/components/responses/Error', description }]))
const accountSchema = { type: 'object', required: ['id', 'email'], properties: { id: { type: ['number', 'string'] }, email: { type: 'string' } } }
const refusals = errors({ '401': 'Not signed in.', '403': 'Not an account the caller may change (admins: any; editors and reviewers: their own).', '404': 'No such account.' })

const issueDoc = {
  operationId: 'issueUserAPIKey',
  summary: 'Issue a new API key',
  description: 'Makes a random key for the account, replacing any key it had, and answers it once: it cannot be read again. Send it as `Authorization: users API-Key <key>`.',
  responses: {
    '201': {
      description: 'The new key.',
      headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
      content: { 'application/json': { schema: { title: 'IssuedAPIKey', type: 'object', required: ['message', 'apiKey', 'user'], properties: { message: { type: 'string' }, apiKey: { type: 'string' }, user: accountSchema } } } },
    },
    ...refusals,
  },
}

const revokeDoc = {
  operationId: 'revokeUserAPIKey',
  summary: 'Revoke the API key',
  description: 'The account keeps no key: requests with its old key are anonymous from now on.',
  responses: {
    '200': {
      description: 'Revoked.',
      content: { 'application/json': { schema: { title: 'RevokedAPIKey', type: 'object', required: ['message', 'user'], properties: { message: { type: 'string' }, user: accountSchema } } } },
    },
    ...refusals,
  },
}

export const apiKeyEndpoints: Endpoint[] = [
  { path: '/:id/api-key', method: 'post', handler: issueAPIKey, custom: { openapi: issueDoc } },
  { path: '/:id/api-key', method: 'delete', handler: revokeAPIKey, custom: { openapi: revokeDoc } },
]
