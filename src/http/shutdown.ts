/**
 * Graceful shutdown of the HTTP server without cutting a request a client has already sent.
 *
 * Closing a listening socket resets every connection still waiting in the kernel's accept queue,
 * and a busy Node process takes connections from that queue only a few at a time: under load,
 * the requests that arrived just before SIGTERM are exactly the ones waiting there. Node's
 * `server.close()` also drops connections that were accepted but not yet read. So after the
 * signal the server keeps accepting (and answering, with `Connection: close`) until connections
 * stop arriving, up to a limit, and only then closes the listener; afterwards it closes a
 * connection only once its answer is out.
 */
import type { Server } from 'node:http'
import net, { type Socket } from 'node:net'

interface ConnectionState {
  acceptedAt: number
  /** Requests being answered on it now. */
  active: number
  /** Requests answered on it so far. */
  served: number
}

/** The listener is closed once no connection has arrived for this long (and every one has been read). */
const QUIET_MS = 200
/** A connection that has sent nothing for this long is a client holding a socket open, not a request in transit. */
const SILENT_CONNECTION_MS = 1000
const POLL_MS = 10

export interface GracefulServer {
  /**
   * Keeps accepting until connections stop arriving (at most `maxAcceptMs`), stops accepting,
   * closes each connection once its answer is out, and resolves when the last one is gone.
   */
  close(options: { maxAcceptMs: number }): Promise<void>
  /** Ends every connection now (the grace period is over). */
  closeAll(): void
}

export function gracefulServer(server: Server): GracefulServer {
  const connections = new Map<Socket, ConnectionState>()
  let lastConnectionAt = 0
  let closing = false

  server.on('connection', (socket: Socket) => {
    lastConnectionAt = Date.now()
    connections.set(socket, { acceptedAt: lastConnectionAt, active: 0, served: 0 })
    socket.once('close', () => connections.delete(socket))
  })
  server.on('request', (req, res) => {
    const state = connections.get(req.socket)
    if (!state) return
    state.active++
    // 'finish', not 'close': the middleware already holds ten 'close' listeners on a response.
    // A response that never finishes ends with its socket, which forgets the connection.
    res.once('finish', () => {
      state.active--
      state.served++
      // While closing, a connection goes as soon as its last answer is out.
      if (closing && state.active === 0) req.socket.end()
    })
  })

  const silentFor = (state: ConnectionState) => Date.now() - state.acceptedAt
  /** Accepted, but the request it carries (if any) has not been read yet. */
  const unread = (socket: Socket, state: ConnectionState) =>
    state.active === 0 && state.served === 0 && socket.bytesRead === 0 && silentFor(state) < SILENT_CONNECTION_MS
  const endIdle = () => {
    for (const [socket, state] of connections) {
      if (state.active === 0 && (state.served > 0 || silentFor(state) >= SILENT_CONNECTION_MS)) socket.end()
    }
  }

  return {
    async close({ maxAcceptMs }) {
      closing = true
      const started = Date.now()
      // Kept-alive connections between requests go now; their clients reconnect elsewhere.
      endIdle()
      while (Date.now() - started < maxAcceptMs) {
        const quiet = Date.now() - lastConnectionAt >= QUIET_MS
        if (quiet && ![...connections].some(([socket, state]) => unread(socket, state))) break
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
      // Stop accepting: the listening socket only (net.Server's close), so that Node's HTTP
      // server does not also drop connections it counts as idle; endIdle decides that here.
      const closed = new Promise<void>((resolve) => server.once('close', () => resolve()))
      net.Server.prototype.close.call(server)
      endIdle()
      const sweep = setInterval(endIdle, 50)
      await closed
      clearInterval(sweep)
    },
    closeAll() {
      for (const socket of connections.keys()) socket.destroy()
    },
  }
}
