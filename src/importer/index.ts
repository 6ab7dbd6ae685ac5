/**
 * The document importer: turns a patient-education document (.txt, .md or .html) into linked
 * draft records (a condition with its subtypes, symptoms, diagnostic tests, treatments and
 * specialties) and puts them in front of a reviewer. It never publishes: that is medical review's
 * job. It runs on the Local API, without a server: the admin's upload job (src/jobs), the seed
 * CLI (seed/), benchmarks and tests all call it from here.
 *
 * - `readDocument.ts`: file to blocks (headings, paragraphs, bullets), refusing what is not a document;
 * - `structure.ts`: blocks to a condition, by what each section's heading means;
 * - `richText.ts`: blocks to Lexical rich text;
 * - `importDocument.ts`: writes it all in one transaction, matched by slug (re-importing changes nothing);
 * - `submitForReview.ts`: submits what was written for review as one bundle;
 * - `plugin.ts`, `readUploadedDocument.ts`: the check on an admin upload, added to the `imports`
 *   collection by a plugin so the content model (collections/) knows nothing of the importer.
 */
export { type ImportOptions, type ImportReport, importDocument, type Outcome } from './importDocument'
export { type Block, decodeDocument, ImportInputError, MAX_DOCUMENT_BYTES, readBlocks, SUPPORTED_EXTENSIONS } from './readDocument'
export { documentImporter } from './plugin'
export { type StructuredCondition, structureCondition } from './structure'
export { submitImportForReview } from './submitForReview'
