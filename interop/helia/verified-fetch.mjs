// Fetches IPFS paths with Helia's @helia/verified-fetch, configured with one trustless gateway
// (GATEWAY_URL) as its only source: no libp2p, no bitswap, no delegated routers. verified-fetch
// asks the gateway for blocks (?format=raw / application/vnd.ipld.raw) or CARs and hashes every
// block against its CID before it uses it, so a body only comes back if the gateway's bytes are
// the content the CID names.
//
// Usage: node verified-fetch.mjs GATEWAY_URL IPFS_PATH=EXPECTED_FILE...
//   IPFS_PATH is CID or CID/sub/path; EXPECTED_FILE holds the bytes that were added.
// Prints one JSON object: {"results":[{"path","status","length","sha256","equal"}],
// "requests":["METHOD URL accept"]} (requests = every HTTP request verified-fetch made).
// Exits 1 if any body differs from its expected file or a fetch fails.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createHeliaLight } from 'helia'
import { withHTTP } from '@helia/http'
import { createVerifiedFetchWithHelia } from '@helia/verified-fetch'

const [gateway, ...cases] = process.argv.slice(2)
if (gateway == null || cases.length === 0) {
  console.error('usage: verified-fetch.mjs GATEWAY_URL IPFS_PATH=EXPECTED_FILE...')
  process.exit(2)
}

// Record what reaches the network, to show the gateway was the only source.
const requests = []
const realFetch = globalThis.fetch
globalThis.fetch = async (resource, init) => {
  const url = resource instanceof Request ? resource.url : String(resource)
  const headers = new Headers(init?.headers ?? (resource instanceof Request ? resource.headers : undefined))
  requests.push(`${init?.method ?? 'GET'} ${url} ${headers.get('accept') ?? ''}`.trim())
  return realFetch(resource, init)
}

const helia = withHTTP(createHeliaLight(), {
  delegatedRouters: [],
  recursiveGateways: [gateway],
  allowInsecure: true, // the gateway is plain HTTP on loopback in tests
  allowLocal: true
})
// Helia's routing waits forever for the non-fallback routers to finish when there are none (it
// only then asks the fallback router that withHTTP makes of recursiveGateways): one router that
// knows no providers lets it go on to the gateway.
helia.addRouter({ name: 'no-providers', async * findProviders () {} })
await helia.start()
const verifiedFetch = await createVerifiedFetchWithHelia(helia)

const results = []
let failed = false
try {
  for (const c of cases) {
    const eq = c.lastIndexOf('=')
    const path = c.slice(0, eq)
    const expected = await readFile(c.slice(eq + 1))
    const response = await verifiedFetch(`ipfs://${path}`, { signal: AbortSignal.timeout(120_000) })
    const body = Buffer.from(await response.arrayBuffer())
    const equal = response.status === 200 && body.equals(expected)
    failed ||= !equal
    results.push({
      path,
      status: response.status,
      length: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      equal
    })
  }
} finally {
  await verifiedFetch.stop()
  await helia.stop()
}
console.log(JSON.stringify({ results, requests }))
if (failed) {
  console.error('verified-fetch got different bytes (or an error status) for: ' +
    results.filter(r => !r.equal).map(r => `${r.path} (${r.status})`).join(', '))
  process.exit(1)
}
