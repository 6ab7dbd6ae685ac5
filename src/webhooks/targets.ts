/**
 * Where webhooks may go: public addresses only. An admin must not be able to make the server send
 * requests into its own network (cloud metadata at 169.254.169.254, loopback services, private
 * ranges) and read what comes back. The check runs twice:
 * - on save (Webhooks.ts): an IP literal, in any spelling the URL parser accepts (decimal, hex,
 *   octal, IPv4-mapped IPv6...), and a host name that resolves to such an address are refused;
 * - on every delivery (deliver.ts): the host name is resolved once, every address is checked, and
 *   the connection goes to those checked addresses (`guardedLookup`), so a DNS answer that changes
 *   between the check and the connection (DNS rebinding) cannot take the request inside.
 * Host names listed in WEBHOOK_ALLOWED_HOSTS (src/settings) skip the check: an operator's
 * decision to let webhooks reach a receiver on an internal network.
 */
import dns from 'node:dns'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'

export interface TargetPolicy {
  /** Host names as a URL spells them (lower case, IPv6 in brackets, no trailing dot). */
  allowedHosts: readonly string[]
}

export interface ResolvedAddress {
  address: string
  family: number
}
/** Resolves a host name to all its addresses (dns.lookup by default; tests may pass their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

export const lookupAll: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true })

/** How long a save waits for DNS before leaving the check to delivery. */
const SAVE_LOOKUP_TIMEOUT_MS = 5000

// What each kind of internal address is called in a refusal.
const UNSPECIFIED = 'an unspecified address (it reaches the server itself)'
const LOOPBACK = 'a loopback address (the server itself)'
const PRIVATE = 'a private-network address'
const LINK_LOCAL = 'a link-local address (where cloud metadata services answer)'
const UNIQUE_LOCAL = 'a unique-local (private IPv6) address'
const SHARED = 'a carrier-grade NAT (shared) address'
const MULTICAST = 'a multicast address'
const RESERVED = 'a reserved or special-purpose address'

/** IPv4 ranges that are not the public internet (IANA special-purpose registry). */
const IPV4_RANGES: [base: string, bits: number, kind: string][] = [
  ['0.0.0.0', 8, UNSPECIFIED],
  ['10.0.0.0', 8, PRIVATE],
  ['100.64.0.0', 10, SHARED],
  ['127.0.0.0', 8, LOOPBACK],
  ['169.254.0.0', 16, LINK_LOCAL],
  ['172.16.0.0', 12, PRIVATE],
  ['192.0.0.0', 24, RESERVED],
  ['192.0.2.0', 24, RESERVED],
  ['192.88.99.0', 24, RESERVED],
  ['192.168.0.0', 16, PRIVATE],
  ['198.18.0.0', 15, RESERVED],
  ['198.51.100.0', 24, RESERVED],
  ['203.0.113.0', 24, RESERVED],
  ['224.0.0.0', 4, MULTICAST],
  ['240.0.0.0', 4, RESERVED], // includes the broadcast address 255.255.255.255
]

const ipv4Number = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0)

function ipv4Kind(n: number): string | null {
  for (const [base, bits, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - bits)
    if (Math.floor(n / size) === Math.floor(ipv4Number(base) / size)) return kind
  }
  return null
}

/** The 16 bytes of an IPv6 address already accepted by net.isIP (zone id ignored). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (dotted) {
    const n = ipv4Number(dotted[1])
    text = `${text.slice(0, -dotted[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`
  }
  const [head, tail] = text.split('::')
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const given = [...groups(head), ...groups(tail)]
  const all = tail === undefined ? given : [...groups(head), ...Array(8 - given.length).fill('0'), ...groups(tail)]
  return all.flatMap((group) => {
    const value = parseInt(group, 16)
    return [value >> 8, value & 255]
  })
}

function ipv6Kind(b: number[]): string | null {
  const zero = (from: number, to: number) => b.slice(from, to).every((byte) => byte === 0)
  const ipv4At = (i: number) => ((b[i] * 256 + b[i + 1]) * 256 + b[i + 2]) * 256 + b[i + 3]
  if (zero(0, 16)) return UNSPECIFIED
  if (zero(0, 15) && b[15] === 1) return LOOPBACK
  // Forms that carry an IPv4 address inside: judged by that address.
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return ipv4Kind(ipv4At(12)) // ::ffff:a.b.c.d
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return ipv4Kind(ipv4At(12)) // NAT64 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return ipv4Kind(ipv4At(2)) // 6to4 2002::/16
  if ((b[0] & 0xfe) === 0xfc) return UNIQUE_LOCAL // fc00::/7
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return LINK_LOCAL // fe80::/10
  if (b[0] === 0xff) return MULTICAST // ff00::/8
  // Only 2000::/3 is global unicast; the rest (IPv4-compatible ::/96, site-local fec0::/10,
  // discard 100::/64, NAT64 local 64:ff9b:1::/48...) is reserved.
  if ((b[0] & 0xe0) !== 0x20) return RESERVED
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return RESERVED // documentation 2001:db8::/32
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] < 0x02) return RESERVED // IETF protocol assignments 2001::/23 (Teredo...)
  if (b[0] === 0x3f && b[1] === 0xff && b[2] < 0x10) return RESERVED // documentation 3fff::/20
  return null
}

/**
 * What kind of internal address this is, e.g. "a loopback address (the server itself)", or null
 * for a public one (and for anything that is not an IP address).
 */
export function internalAddressKind(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1')
  const family = isIP(bare.split('%')[0])
  if (family === 4) return ipv4Kind(ipv4Number(bare))
  if (family === 6) return ipv6Kind(ipv6Bytes(bare))
  return null
}

/** A URL's host name as WEBHOOK_ALLOWED_HOSTS spells it. */
const canonicalHost = (url: URL) => url.hostname.toLowerCase().replace(/\.$/, '')

export const isAllowedHost = (url: URL, policy: TargetPolicy) => policy.allowedHosts.includes(canonicalHost(url))

/** The URL's host when it is an IP address (the URL parser has already made it canonical). */
const literalAddress = (url: URL) => {
  const bare = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return isIP(bare) ? bare : null
}

const HOW_TO_ALLOW = "Webhooks go to public addresses only; the server's operator can allow an internal receiver by its host name with WEBHOOK_ALLOWED_HOSTS."

const literalRefusal = (address: string, kind: string) => `The host ${address} is ${kind}. ${HOW_TO_ALLOW}`
// The resolved address is not named: the refusal must not turn into a way of reading internal DNS.
const resolvedRefusal = (hostname: string, kind: string) => `${hostname} resolves to ${kind}. ${HOW_TO_ALLOW}`

/** Why a URL whose host is an IP address may not be sent to, or null. Needs no DNS. */
export function literalTargetRefusal(url: URL, policy: TargetPolicy): string | null {
  if (isAllowedHost(url, policy)) return null
  const address = literalAddress(url)
  const kind = address && internalAddressKind(address)
  return kind ? literalRefusal(address, kind) : null
}

/** Why these addresses of `hostname` may not be sent to (any one internal is enough), or null. */
function resolvedTargetRefusal(hostname: string, addresses: readonly ResolvedAddress[]): string | null {
  for (const { address } of addresses) {
    const kind = internalAddressKind(address)
    if (kind) return resolvedRefusal(hostname, kind)
  }
  return null
}

/**
 * The check on save: an IP literal, or a host name's current DNS answer. A name that does not
 * resolve (yet), or not within a few seconds, is accepted: there is nothing to judge, and every
 * delivery checks it again.
 */
export async function webhookTargetRefusal(url: URL, policy: TargetPolicy, resolve: Resolver = lookupAll): Promise<string | null> {
  if (isAllowedHost(url, policy)) return null
  if (literalAddress(url)) return literalTargetRefusal(url, policy)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((done) => (timer = setTimeout(done, SAVE_LOOKUP_TIMEOUT_MS, null)))
  const addresses = await Promise.race([resolve(url.hostname).catch(() => null), timeout]).finally(() => clearTimeout(timer))
  return addresses ? resolvedTargetRefusal(url.hostname, addresses) : null
}

/** A delivery to an address the policy forbids. */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError'
  readonly code = 'ETARGETREFUSED'
}

/**
 * The `lookup` a delivery's socket connects through: resolves the name once, refuses the
 * connection when any address is internal (unless the host is allowed), and hands Node exactly
 * the addresses it checked, so nothing is resolved again between the check and the connection.
 */
export function guardedLookup(url: URL, policy: TargetPolicy, resolve: Resolver = lookupAll): LookupFunction {
  const allowed = isAllowedHost(url, policy)
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refusal = allowed ? null : resolvedTargetRefusal(url.hostname, addresses)
        if (refusal) return callback(new TargetRefusedError(refusal), '', 0)
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
        if (options.all) return (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, addresses)
        callback(null, addresses[0].address, addresses[0].family)
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    )
  }
}
