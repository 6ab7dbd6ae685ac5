/**
 * One page of results in Payload's shape (docs, totalDocs, page, limit, totalPages, hasNextPage,
 * hasPrevPage), for results ranked in the process rather than by the database: care near me (by
 * distance), symptom lookup (by matches) and search (by score) all answer with it.
 */
export interface Page<T> {
  docs: T[]
  totalDocs: number
  page: number
  limit: number
  totalPages: number
  hasNextPage: boolean
  hasPrevPage: boolean
}

/** One page of `items`; `totalDocs` may say more exist than were ranked (search keeps the best). */
export function pageOf<T>(items: T[], page: number, limit: number, totalDocs = items.length): Page<T> {
  const totalPages = Math.max(1, Math.ceil(Math.min(totalDocs, items.length) / limit))
  const start = (page - 1) * limit
  return { docs: items.slice(start, start + limit), totalDocs, page, limit, totalPages, hasNextPage: page < totalPages, hasPrevPage: page > 1 }
}
