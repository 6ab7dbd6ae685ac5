/**
 * Next.js server actions are refused before Next.js sees them unless Payload would let the
 * request into the admin.
 *
 * The admin's only server actions are Payload's (the `serverFunction` of
 * src/app/(payload)/layout.tsx, whose id every admin page publishes in its RSC payload, and the
 * RootLayout's language switch). Every Payload server function starts with `canAccessAdmin`,
 * so a request without admin access can only make it throw; and a thrown action is the
 * expensive path (Next.js renders an error answer and logs the stack). Two anonymous POSTs with
 * the published id took the server down (heap out of memory while Node loaded .next's source
 * maps for the stack traces), so the same decision Payload would make is taken here, for the
 * price of one auth check and, for an anonymous request, one indexed read:
 *
 * - a request Payload authenticates as a user who may use the admin (`permissions.canAccessAdmin`)
 *   goes on to Next.js;
 * - an anonymous request goes on only while there is no user yet: the create-first-user page
 *   calls the 'form-state' server function before anyone can sign in, as Payload allows. The
 *   login, forgot-password and reset-password pages call no server function (they post to /api);
 * - anything else is answered 401 (anonymous) or 403 (signed in without admin access), as JSON.
 *
 * What counts as a server action is what Next.js would try to run as one: any POST with a
 * `Next-Action` header, and any form POST (multipart or URL-encoded) even without it, since
 * Next.js runs a no-JavaScript form action named in the body (`$ACTION_ID_<id>`). This applies
 * to every path Next.js serves, not only /admin: Next.js forwards an action posted to another
 * page to the page that defines it. The public site defines no server actions and posts no forms.
 */
import type { Request, RequestHandler } from 'express'
import type { Payload } from 'payload'

import { Refusal, sendRefusal } from '../errors'
import { webHeadersOf } from './fetchBridge'

/** Whether Next.js would treat the request as a server action (see next/dist/server/lib/server-action-request-meta). */
export function isPossibleServerAction(req: Request): boolean {
  if (req.method !== 'POST') return false
  if (req.headers['next-action'] !== undefined) return true
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  return type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded'
}

/** A refused server action's body is read and dropped up to this size, else the connection is closed. */
const DRAINED_BYTES = 64 * 1024

export function refuseServerActionsWithoutAdminAccess(payload: Payload): RequestHandler {
  /** Payload's own rule for a request without a user (canAccessAdmin): allowed only before the first user exists. */
  const noUserYet = async () => {
    // Counted at the database, as the system's own question: no one's read access is involved.
    const { totalDocs } = await payload.db.count({ collection: payload.config.admin.user as 'users' })
    return totalDocs === 0
  }
  const sendUnread = (req: Request, res: Parameters<RequestHandler>[1], refusal: Refusal) => {
    // The body is never parsed. Up to DRAINED_BYTES it is read and dropped, so the client has sent
    // it all and reads the refusal (closing mid-upload made clients fail with EPIPE instead);
    // beyond that, the connection is closed rather than read what an attacker sent.
    let received = 0
    req.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > DRAINED_BYTES) req.destroy()
    })
    req.resume()
    if (Number(req.headers['content-length']) > DRAINED_BYTES) res.setHeader('connection', 'close')
    res.setHeader('cache-control', 'no-store')
    sendRefusal(res, refusal)
  }

  /** 'pass', or the refusal Payload's canAccessAdmin would have thrown inside the action. */
  const decide = async (req: Request): Promise<'pass' | 401 | 403> => {
    const { user, permissions } = await payload.auth({ headers: webHeadersOf(req) })
    if (permissions?.canAccessAdmin) return 'pass'
    if (user) return 403
    return (await noUserYet()) ? 'pass' : 401
  }

  return (req, res, next) => {
    if (!isPossibleServerAction(req)) return next()
    decide(req).then((decision) => {
      if (decision === 'pass') next()
      else if (decision === 403) sendUnread(req, res, new Refusal('This account cannot use the admin panel.', 403))
      else sendUnread(req, res, new Refusal('Sign in to the admin panel first.', 401))
    }, next)
  }
}
