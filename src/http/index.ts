/**
 * The HTTP server in front of Payload (Express): what happens to a request before Payload reads
 * it and after it answers. app.ts assembles it and lists the policies in the order a request meets
 * them; each policy is its own file:
 *
 *   requestLog.ts        a request id and one log line per request
 *   canonicalRequest.ts  the one spelling of a request that every policy and Payload read
 *   methodOverride.ts    the admin's POST-as-GET list queries
 *   rateLimit.ts         sign-in, password reset and GraphQL budgets (per IP, per account)
 *   apiGuards.ts         REST requests Payload would misread or answer with a 5xx
 *   servedPages.ts       anonymous page reads answered with the page's stored text
 *   fetchBridge.ts       where a request becomes a Web Request, once, and the Web policies compose
 *   graphql.ts           GraphQL without Next.js, with depth, alias and operation limits
 *   persistedQueries.ts  automatic persisted queries (Apollo's protocol): reads as short GETs
 *   graphQLSurface.ts    what the config serves over GraphQL (applied in src/payload.config.ts)
 *   responseHooks.ts     the one interception of res.writeHead (site pages' cache policy, fallbacks)
 *   siteFallbacks.ts     the site's own 404/5xx page
 *   serverActions.ts     Next.js server actions only for those Payload lets into the admin
 *   shutdown.ts          draining connections on SIGTERM
 *
 * Refusals are answered in the vocabulary of src/errors; caching is src/cache's.
 */
export { type AppOptions, createApp } from './app'
export { type GracefulServer, gracefulServer } from './shutdown'
