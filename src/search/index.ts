/**
 * Search, in one place: `SearchIndex.ts` (the derived index of published text), `indexer.ts`
 * (kept in step by publication events), `text.ts` (folding and typo distance), `query.ts`
 * (matching and ranking). The endpoint and GraphQL query are in src/frontendApi.
 */
export { SEARCH_INDEX, SearchIndex, SEARCHED_COLLECTIONS } from './SearchIndex'
export { indexForSearch, rebuildSearchIndex, searchIndexIsEmpty } from './indexer'
export { searchContent } from './query'
