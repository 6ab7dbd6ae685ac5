// The MongoDB lane (TEST_DATABASE=mongodb): every test runs there except those listed here, each
// with its reason. This is the one list: scripts/test.mjs leaves the files out, tests/helpers/
// mongodbLaneSetup.mjs leaves the single tests out (Jest counts them as skipped and the lane prints
// why), and README.md's "Left out of the MongoDB lane" table is generated from it
// (`node scripts/mongodb-lane-table.mjs`) and checked by tests/mongodb-lane.test.ts.
//
// Reasons:
//   sql-only     the test is about SQL itself (migrations, query plans, libSQL's connections)
//   server-gap   the MongoDB-wire test server (jongodb 0.1.6) cannot do what real MongoDB does;
//                `command` is the failing operation as the test server answered it, verbatim, so
//                a newer server can be checked against it
//   open-bug     a fault of Careline on MongoDB that the lane found and that is not fixed yet;
//                it stays listed, with what fails, until it is
//   unexplained  fails on the test server in some runs and passes in others, cause not found;
//                `command` is the failure as it was seen
//
// Three more gaps of the test server are bridged rather than left out, in the test processes and
// the servers they start only (tests/helpers/mongodbServerGaps.mjs): findAndModify with remove
// ("new is not allowed when remove=true"), $push ("unsupported update operator: $push"), and
// commits that arrive together losing writes (each process sends its commits one at a time;
// tests/collections.test.ts "concurrent writes in one process queue up instead of failing" fails
// without it: NotFound after 8 concurrent payload.create).

/** @typedef {{ file: string, test?: string, reason: 'sql-only' | 'server-gap' | 'open-bug' | 'unexplained', why: string, command?: string }} LeftOut */

/** @type {LeftOut[]} */
export const MONGODB_LANE_LEFT_OUT = [
  {
    file: 'tests/migrations.test.ts',
    reason: 'sql-only',
    why: 'compares the committed SQL migrations with the config; MongoDB has no schema to migrate',
  },
  {
    file: 'tests/query-plans.test.ts',
    reason: 'sql-only',
    why: "reads SQLite's and PostgreSQL's query plans (EXPLAIN) for the full-text search index",
  },
  {
    file: 'tests/concurrency.test.ts',
    test: 'concurrent saves from the same copy: one wins, the others get 409, nothing is lost silently',
    reason: 'server-gap',
    why: 'two transactions writing the same document both commit: the test server reports no write conflict, which MongoDB does (and Careline relies on)',
    command: '6 concurrent PATCH /api/conditions/:id from revision 1 -> [200,200,200,200,200,200]',
  },
  {
    file: 'tests/concurrency.test.ts',
    test: 'concurrent publishes of the same approved revision: it goes live once',
    reason: 'server-gap',
    why: 'as above: no write conflict between transactions, so two publishes of one revision both commit',
    command: '4 concurrent POST /api/conditions/:id/review {"action":"publish"} -> [200,500,500,200]',
  },
  {
    file: 'tests/admin-crawl.test.ts',
    reason: 'unexplained',
    why: 'passed in 8 of 12 runs (5 of 6 in the stop that brought it back, then failed in CI): of three staff roles signing in to the admin at once, one is sent back to the sign-in page. Concurrent REST sign-ins keep their sessions (120 of 120, with and without the commit bridge), and the server logs no error; cause not found. With the commit bridge (gap 3 of tests/helpers/mongodbServerGaps.mjs) it passed 3 of 3, too few to bring it back. The crawl runs on SQLite and PostgreSQL',
    command: 'editor@test.careline: no dashboard after signing in; the page is http://localhost:38919/admin/login (h1: null)',
  },
]

/** The entries for one test file. */
export const leftOutOf = (file) => MONGODB_LANE_LEFT_OUT.filter((entry) => entry.file === file)

/** Files the lane does not run at all. */
export const filesLeftOut = () => MONGODB_LANE_LEFT_OUT.filter((entry) => !entry.test).map((entry) => entry.file)
