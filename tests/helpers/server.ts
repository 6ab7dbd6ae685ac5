/**
 * Starts the real server as a child process, as production runs it (`npm start`: the compiled
 * dist/server.js, which Jest's global setup builds from the current sources): Next.js cannot run
 * inside Jest's module sandbox, and a child process also lets tests send signals.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { serverNodeArgs } from '../../scripts/lib.mjs'

export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface RunningServer {
  url: string
  child: ChildProcess
  output(): string
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * NODE_OPTIONS for a child process of a test: Jest's own flags must not leak into it, and one that
 * talks to the MongoDB-wire test server bridges its gaps as the test process does
 * (./mongodbServerGaps.mjs): in the MongoDB lane, or for a MongoDB database of any lane.
 */
export const childNodeOptions = (databaseURI?: string) =>
  [
    '--conditions=production',
    ...((process.env.TEST_DATABASE ?? 'sqlite') === 'mongodb' || databaseURI?.startsWith('mongodb')
      ? [`--import=${pathToFileURL(path.join(ROOT, 'tests/helpers/mongodbServerGaps.mjs')).href}`]
      : []),
  ].join(' ')

export function spawnServer(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, serverNodeArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: childNodeOptions(env.DATABASE_URI),
      NODE_ENV: 'test',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      keepServerOutput(child.pid, output)
      resolve(code)
    }),
  )
  return { child, output: () => output, exited }
}

/**
 * With TEST_SERVER_LOGS set to a folder (.ci/run sets it), each server's output is written there
 * when it exits, named after the test file and the lane, so a failed CI run can show what the server logged
 * (a 500 is answered without its cause; the cause is in the server's log).
 */
function keepServerOutput(pid: number | undefined, output: string) {
  const folder = process.env.TEST_SERVER_LOGS
  if (!folder || !output) return
  const testPath = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect?.getState().testPath
  fs.mkdirSync(folder, { recursive: true })
  // The lane in the name: .ci/run keeps one folder for its three lanes, and a failure shows its own lane's logs.
  const lane = process.env.TEST_DATABASE ?? 'sqlite'
  fs.writeFileSync(path.join(folder, `${path.basename(testPath ?? 'server', '.ts')}.${lane}.${pid ?? 'unknown'}.log`), output)
}

export async function startServer(env: Record<string, string | undefined>, timeoutMs = 90_000): Promise<RunningServer> {
  const { child, output, exited } = spawnServer(env)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output()}`)), timeoutMs)
    const onData = () => {
      const match = output().match(/listening on (http:\/\/localhost:\d+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output()}`))
    })
  })
  return {
    url,
    child,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode
      child.kill(signal)
      return exited
    },
  }
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function expectStartFailure(env: Record<string, string | undefined>) {
  const { output, exited } = spawnServer(env)
  const code = await exited
  return { code, output: output() }
}
