// Jest setup (setupFilesAfterEnv): on the MongoDB lane, the single tests tests/mongodbLane.mjs
// lists are declared with test.skip, so Jest counts them as skipped; the lane's start prints why;
// and the test server's gaps are bridged (./mongodbServerGaps.mjs). On the other
// lanes this does nothing.
import path from 'node:path'

import { leftOutOf } from '../mongodbLane.mjs'

if ((process.env.TEST_DATABASE ?? 'sqlite') === 'mongodb') {
  await import('./mongodbServerGaps.mjs')
  const file = path.relative(process.cwd(), expect.getState().testPath ?? '').split(path.sep).join('/')
  const names = new Set(leftOutOf(file).flatMap((entry) => (entry.test ? [entry.test] : [])))
  if (names.size) {
    const wrap = (original) => {
      const wrapped = (name, ...rest) => (names.has(name) ? original.skip(name, ...rest) : original(name, ...rest))
      return Object.assign(wrapped, original)
    }
    globalThis.test = wrap(globalThis.test)
    globalThis.it = wrap(globalThis.it)
  }
}
