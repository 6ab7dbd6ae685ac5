// WORKAROUND (tests only; jongodb 0.1.6, the MongoDB lane's test server): three things real
// MongoDB does and this server does not.
//
// 1. findAndModify {remove: true, new: false}  -> "new is not allowed when remove=true"
//      (the Node driver always sends `new`; every payload.delete goes through findOneAndDelete)
// 2. update {$push: {log: ...}}                -> "unsupported update operator: $push"
//      (Payload appends each job's log with $push; every job failed without it)
//    The MongoDB driver's Collection is given the same operations built from commands this server
//    has (findOne then deleteOne; findOne then $set of the grown array), on the caller's session,
//    so they stay inside its transaction.
// 3. Commits that arrive together lose writes: two transactions committed at once keep only one
//    of their inserts in about 1 round in 200 (3 at once: 17 in 100; 8 at once: most rounds), and
//    a plain write that lands during a commit is lost the same way; commits one after another lose
//    nothing, however the transactions overlap. Measured with the driver alone against this
//    server. Payload commits one transaction per write and runs queued jobs side by side, so two
//    webhook deliveries' log rows commit together (one was lost in CI). Each process sends
//    its commits and its writes outside a transaction one at a time (`oneAtATime`); writes inside
//    a transaction need not wait, they reach the data with their commit.
//
// Loaded into the lane's test processes by tests/helpers/mongodbLaneSetup.mjs and into the
// servers they start with `node --import` (tests/helpers/server.ts). Never loaded by Careline
// itself: against a real `mongod` the driver's own commands run. tests/mongodbLane.mjs lists the
// gaps with the server's answers.
//
// How to tell when it can go: a jongodb release that answers 1 and 2, and keeps every insert of
// eight transactions committed at once (with serializeCommitsAndPlainWrites() off,
// tests/collections.test.ts "concurrent writes in one process queue up instead of failing" shows
// it); then drop this file and run TEST_DATABASE=mongodb npm test.
import mongodb from 'mongodb'

const { ClientSession, Collection } = mongodb
const bridged = Symbol.for('careline.mongodbServerGaps')

if (!Collection.prototype[bridged]) {
  Collection.prototype[bridged] = true
  serializeCommitsAndPlainWrites()
  const sessionOf = (options) => (options?.session ? { session: options.session } : {})

  Collection.prototype.findOneAndDelete = async function findOneAndDelete(filter, options = {}) {
    const found = await this.findOne(filter, { ...sessionOf(options), sort: options.sort })
    if (found) await this.deleteOne({ _id: found._id }, sessionOf(options))
    const value = found && options.projection ? project(found, options.projection) : found
    return options.includeResultMetadata ? { ok: 1, value, lastErrorObject: { n: found ? 1 : 0 } } : value
  }

  const hasPush = (update) => update && !Array.isArray(update) && typeof update === 'object' && '$push' in update
  /** The update with each `$push` turned into a `$set` of the document's array grown by the items. */
  const withoutPush = (update, doc) => {
    const { $push, ...rest } = update
    const $set = { ...(rest.$set ?? {}) }
    for (const [field, value] of Object.entries($push)) {
      const items = value && typeof value === 'object' && '$each' in value ? value.$each : [value]
      const current = field.split('.').reduce((node, key) => (node == null ? undefined : node[key]), doc)
      $set[field] = [...(Array.isArray(current) ? current : []), ...items]
    }
    return { ...rest, $set }
  }

  const originalUpdateOne = Collection.prototype.updateOne
  Collection.prototype.updateOne = async function updateOne(filter, update, options = {}) {
    if (!hasPush(update)) return originalUpdateOne.call(this, filter, update, options)
    const doc = await this.findOne(filter, sessionOf(options))
    if (!doc) return originalUpdateOne.call(this, filter, withoutPush(update, {}), options)
    return originalUpdateOne.call(this, { _id: doc._id }, withoutPush(update, doc), options)
  }

  const originalUpdateMany = Collection.prototype.updateMany
  Collection.prototype.updateMany = async function updateMany(filter, update, options = {}) {
    if (!hasPush(update)) return originalUpdateMany.call(this, filter, update, options)
    const docs = await this.find(filter, sessionOf(options)).toArray()
    let modifiedCount = 0
    for (const doc of docs) modifiedCount += (await originalUpdateOne.call(this, { _id: doc._id }, withoutPush(update, doc), options)).modifiedCount
    return { acknowledged: true, matchedCount: docs.length, modifiedCount, upsertedCount: 0, upsertedId: null }
  }

  const originalFindOneAndUpdate = Collection.prototype.findOneAndUpdate
  Collection.prototype.findOneAndUpdate = async function findOneAndUpdate(filter, update, options = {}) {
    if (!hasPush(update)) return originalFindOneAndUpdate.call(this, filter, update, options)
    const doc = await this.findOne(filter, { ...sessionOf(options), sort: options.sort })
    if (!doc) return originalFindOneAndUpdate.call(this, filter, withoutPush(update, {}), options)
    return originalFindOneAndUpdate.call(this, { _id: doc._id }, withoutPush(update, doc), options)
  }
}

/** A projection of included fields (what Payload asks for), applied to a found document. */
function project(doc, projection) {
  const included = Object.entries(projection).filter(([, on]) => on)
  if (!included.length) return doc
  return Object.fromEntries([['_id', doc._id], ...included.filter(([key]) => key in doc).map(([key]) => [key, doc[key]])])
}

/**
 * Gap 3: this process's commits and its writes outside a transaction go to the server one at a
 * time. Installed before the bridges above, which then build on the serialized writes (the
 * findOneAndDelete bridge deletes with deleteOne). Never nested: `insertMany` is left alone because
 * the driver sends it through `bulkWrite`, and no wrapped method calls another.
 */
function serializeCommitsAndPlainWrites() {
  let last = Promise.resolve()
  const oneAtATime = (send) => {
    const turn = last.then(send, send)
    last = turn.then(
      () => undefined,
      () => undefined,
    )
    return turn
  }
  const commit = ClientSession.prototype.commitTransaction
  ClientSession.prototype.commitTransaction = function commitTransaction(...args) {
    return oneAtATime(() => commit.apply(this, args))
  }
  // Where each write method takes its options (and so the session).
  const optionsAt = { insertOne: 1, bulkWrite: 1, deleteOne: 1, deleteMany: 1, updateOne: 2, updateMany: 2, replaceOne: 2, findOneAndUpdate: 2, findOneAndReplace: 2 }
  for (const [name, at] of Object.entries(optionsAt)) {
    const write = Collection.prototype[name]
    Collection.prototype[name] = function serializedWrite(...args) {
      if (args[at]?.session?.inTransaction()) return write.apply(this, args)
      return oneAtATime(() => write.apply(this, args))
    }
  }
}
