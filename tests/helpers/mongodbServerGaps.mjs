// WORKAROUND (tests only; jongodb 0.1.6, the MongoDB lane's test server): two commands real
// MongoDB takes and this server refuses, which Payload sends on every delete and every job log:
//
//   findAndModify {remove: true, new: false}  -> "new is not allowed when remove=true"
//     (the Node driver always sends `new`; every payload.delete goes through findOneAndDelete)
//   update {$push: {log: ...}}                -> "unsupported update operator: $push"
//     (Payload appends each job's log with $push; every job failed without it)
//
// The MongoDB driver's Collection is given the same operations built from commands this server
// has (findOne then deleteOne; findOne then $set of the grown array), on the caller's session, so
// they stay inside its transaction. Loaded into the lane's test processes by
// tests/helpers/mongodbLaneSetup.mjs and into the servers they start with `node --import`
// (tests/helpers/server.ts). Never loaded by Careline itself: against a real `mongod` the
// driver's own commands run. tests/mongodbLane.mjs lists both gaps with the server's answers.
//
// How to tell when it can go: a jongodb release that answers both commands; then drop this file
// and run TEST_DATABASE=mongodb npm test.
import mongodb from 'mongodb'

const { Collection } = mongodb
const bridged = Symbol.for('careline.mongodbServerGaps')

if (!Collection.prototype[bridged]) {
  Collection.prototype[bridged] = true
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
