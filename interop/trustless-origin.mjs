#!/usr/bin/env node
// A small trustless-gateway origin for tests: serves the blocks of one or more CAR files over HTTP on
// 127.0.0.1, the way another IPFS node's gateway would (https://specs.ipfs.tech/http-gateways/trustless-gateway/).
//
// Usage: node trustless-origin.mjs [--port N] [--lie] [--drop-after N] [--stall-after N] [--only-raw] CAR...
//
//   GET /ipfs/{cid}?format=raw  (or Accept: application/vnd.ipld.raw)  -> the block, 404 when absent
//   GET /ipfs/{cid}?format=car  (or Accept: application/vnd.ipld.car)  -> a CARv1 of the DAG under cid,
//                                                                         depth-first, each block once
//
// Modes (for fault tests):
//   --lie            one block is served with a byte flipped: the last block of the first root's DAG in
//                    depth-first order (so honest blocks come first), in both raw and CAR answers
//   --drop-after N   CAR responses are cut (socket destroyed) after N blocks; raw answers still work
//   --stall-after N  after N blocks were sent in total (CAR and raw), every response stops sending and
//                    holds its connection open
//   --only-raw       CAR requests are answered 406, as by a gateway without CAR support
//
// Prints "listening <port>" on stdout once ready, then "request <path?query>" for every request, so a
// test can count what was asked. Blocks come from @ipld/car, independent of Cairn's code.
import http from 'node:http'
import fs from 'node:fs'
import { CarReader, CarWriter } from '@ipld/car'
import { CID } from 'multiformats/cid'
import * as dagPb from '@ipld/dag-pb'
import * as dagCbor from '@ipld/dag-cbor'

const args = process.argv.slice(2)
const opts = { port: 0, lie: false, dropAfter: -1, stallAfter: -1, onlyRaw: false, cars: [] }
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--port') opts.port = Number(args[++i])
  else if (a === '--lie') opts.lie = true
  else if (a === '--drop-after') opts.dropAfter = Number(args[++i])
  else if (a === '--stall-after') opts.stallAfter = Number(args[++i])
  else if (a === '--only-raw') opts.onlyRaw = true
  else if (a.startsWith('--')) usage(`unknown option ${a}`)
  else opts.cars.push(a)
}
if (opts.cars.length === 0) usage('no CAR given')

function usage (message) {
  process.stderr.write(`trustless-origin: ${message}\nusage: trustless-origin.mjs [--port N] [--lie] [--drop-after N] [--stall-after N] [--only-raw] CAR...\n`)
  process.exit(2)
}

// Blocks keyed by multihash bytes (so CIDv0 and CIDv1 names of the same bytes both answer).
const blocks = new Map()
const roots = []
const key = cid => Buffer.from(cid.multihash.bytes).toString('hex')
for (const path of opts.cars) {
  const reader = await CarReader.fromIterable(fs.createReadStream(path))
  roots.push(...await reader.getRoots())
  for await (const { cid, bytes } of reader.blocks()) blocks.set(key(cid), bytes)
}

function links (cid, bytes) {
  if (cid.code === dagPb.code) return dagPb.decode(bytes).Links.map(l => l.Hash)
  if (cid.code === dagCbor.code) {
    const out = []
    const visit = v => {
      const asCid = CID.asCID(v)
      if (asCid) out.push(asCid)
      else if (Array.isArray(v)) v.forEach(visit)
      else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) Object.values(v).forEach(visit)
    }
    visit(dagCbor.decode(bytes))
    return out
  }
  return []
}

/** Depth-first pre-order over the blocks present, each once: what a gateway puts in a dag-scope=all CAR. */
function * dfs (root) {
  const seen = new Set()
  const stack = [root]
  while (stack.length > 0) {
    const cid = stack.pop()
    const k = key(cid)
    if (seen.has(k)) continue
    seen.add(k)
    const bytes = blocks.get(k)
    if (bytes === undefined) continue
    yield { cid, bytes }
    if (cid.multihash.code === 0) continue
    stack.push(...links(cid, bytes).reverse())
  }
}

if (opts.lie && roots.length > 0) {
  let last
  for (const b of dfs(roots[0])) last = b
  const flipped = Uint8Array.from(last.bytes)
  flipped[flipped.length - 1] ^= 0xff
  blocks.set(key(last.cid), flipped)
}

let sent = 0
const stalled = () => opts.stallAfter >= 0 && sent >= opts.stallAfter
const hold = res => { res.flushHeaders?.() } // keep the connection open, send nothing more

const server = http.createServer(async (req, res) => {
  process.stdout.write(`request ${req.url}\n`)
  const url = new URL(req.url, 'http://origin')
  const m = url.pathname.match(/^\/ipfs\/([^/]+)$/)
  let cid
  try {
    cid = m && CID.parse(m[1])
  } catch {
    cid = null
  }
  if (!cid) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path\n')
    return
  }
  const accept = req.headers.accept ?? ''
  const format = url.searchParams.get('format') ??
    (accept.includes('application/vnd.ipld.car') ? 'car' : accept.includes('application/vnd.ipld.raw') ? 'raw' : null)
  const bytes = blocks.get(key(cid))
  if (format === 'raw') {
    if (stalled()) return hold(res.writeHead(200, { 'content-type': 'application/vnd.ipld.raw' }))
    if (bytes === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('block not found\n')
      return
    }
    sent++
    res.writeHead(200, { 'content-type': 'application/vnd.ipld.raw', 'content-length': bytes.length }).end(bytes)
  } else if (format === 'car') {
    if (opts.onlyRaw) {
      res.writeHead(406, { 'content-type': 'text/plain' }).end('CAR responses are not supported here\n')
      return
    }
    if (bytes === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('block not found\n')
      return
    }
    res.writeHead(200, { 'content-type': 'application/vnd.ipld.car; version=1; order=dfs; dups=n' })
    const { writer, out } = CarWriter.create([cid])
    const pump = (async () => {
      for await (const chunk of out) {
        if (!res.write(chunk)) await new Promise(resolve => res.once('drain', resolve))
      }
    })()
    let inStream = 0
    for (const block of dfs(cid)) {
      if (stalled()) {
        await writer.close().catch(() => {})
        return hold(res)
      }
      if (opts.dropAfter >= 0 && inStream >= opts.dropAfter) {
        await new Promise(resolve => setTimeout(resolve, 50)) // let what was written leave first
        res.socket?.destroy()
        return
      }
      await writer.put(block)
      sent++
      inStream++
    }
    await writer.close()
    await pump
    res.end()
  } else {
    res.writeHead(406, { 'content-type': 'text/plain' }).end('only format=raw and format=car are served\n')
  }
})

server.keepAliveTimeout = 60_000
server.listen(opts.port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
