/**
 * A Jest reporter: when a test file fails, prints what its test servers logged as errors (and the
 * lines after each, where a stack trace follows). A server answers a 500 without its cause, and
 * the cause is only in the server's log, which tests/helpers/server.ts writes to TEST_SERVER_LOGS
 * when the server exits. Off unless TEST_SERVER_LOGS is set (.ci/run sets it).
 */
import fs from 'node:fs'
import path from 'node:path'

const LINES_AFTER = 20
const MAX_LINES = 300
// JSON lines ("level":"error" or 50) and Payload's pretty lines, whose level is wrapped in colour codes.
const isError = (line) => /"level":\s*(?:"error"|"fatal"|50|60)[,}]|ERROR|FATAL/.test(line)

export default class ServerLogReporter {
  onTestResult(_test, result) {
    const folder = process.env.TEST_SERVER_LOGS
    if (!folder || !result.numFailingTests || !fs.existsSync(folder)) return
    // This lane's servers only: the folder also holds the logs of the lanes that ran before.
    const prefix = `${path.basename(result.testFilePath, '.ts')}.${process.env.TEST_DATABASE ?? 'sqlite'}.`
    for (const name of fs.readdirSync(folder).filter((file) => file.startsWith(prefix)).sort()) {
      const lines = fs.readFileSync(path.join(folder, name), 'utf8').split('\n')
      const shown = new Set()
      lines.forEach((line, i) => {
        if (isError(line)) for (let j = i; j <= Math.min(lines.length - 1, i + LINES_AFTER); j++) shown.add(j)
      })
      const picked = [...shown].sort((a, b) => a - b)
      process.stderr.write(`\n--- ${name}: what the test server logged as errors (${picked.length} lines; the whole log is in ${folder})\n`)
      process.stderr.write(picked.slice(0, MAX_LINES).map((i) => lines[i]).join('\n') + '\n')
    }
  }
}
