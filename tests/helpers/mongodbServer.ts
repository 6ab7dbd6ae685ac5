/**
 * The MongoDB-wire server the MongoDB lane runs on: jongodb, an in-memory server that installs
 * from the npm registry with its native binary inside the package
 * (`@jongodb/memory-server-bin-linux-x64-gnu`, an optional dependency: Linux x64 only). No
 * `mongod` can be installed on these machines; see tests/mongodbLane.ts for what this server
 * cannot do that a real `mongod` can, and README "What is tested where".
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { freePort } from './browser'

const BINARY = path.resolve('node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb')

/** Servers still running when the test process exits (a crashed file) are stopped with it. */
const running = new Set<ChildProcess>()
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')))

export interface MongoWireServer {
  /** With the replica set named, so Payload uses transactions, and the driver polling the server
   * (the streaming heartbeat fails on this server every cycle and clears the pool mid-query). */
  uri: string
  stop(): Promise<void>
}

export async function startMongoWireServer(database: string): Promise<MongoWireServer> {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`The MongoDB lane needs ${BINARY} (npm install installs it on Linux x64 with glibc).`)
  }
  const port = await freePort()
  const child = spawn(
    BINARY,
    [`--host=127.0.0.1`, `--port=${port}`, `--database=${database}`, '--topology-profile=singleNodeReplicaSet', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  running.add(child)
  child.once('exit', () => running.delete(child))
  const uri = await readyURI(child)
  const url = new URL(uri)
  url.searchParams.set('serverMonitoringMode', 'poll')
  return {
    uri: url.toString(),
    stop: () => stopChild(child),
  }
}

/** The server prints `JONGODB_URI=...` once it listens. */
function readyURI(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /JONGODB_URI=(\S+)/.exec(output)
      if (match) {
        child.stdout?.off('data', onData)
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout?.resume()
        child.stderr?.resume()
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`jongodb exited with ${code} before it was ready:\n${output}`)))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
