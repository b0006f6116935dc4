#!/usr/bin/env node
// Usage: node kubo-client-more.mjs API_URL TOKEN OUT_DIR
// Drives the rest of Cairn's Kubo RPC with kubo-rpc-client: adds a small tree (CIDv1), lists it
// with ls, fetches it with get (the tar goes to OUT_DIR/get.tar for the Java test to extract with
// GNU tar) and dag export (OUT_DIR/site.car), lists refs, repo stat, dag put/get of a dag-cbor node
// whose CID is computed here with @ipld/dag-cbor, pin update, block rm. Checks what it can itself;
// prints a JSON summary for the rest. Exits 1 with a message when a check fails.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as dagCbor from '@ipld/dag-cbor'
import { create } from 'kubo-rpc-client'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'

if (process.argv.length !== 5) {
  process.stderr.write('usage: kubo-client-more.mjs API_URL TOKEN OUT_DIR\n')
  process.exit(2)
}
const [url, token, out] = process.argv.slice(2)
const client = create({ url: new URL('/api/v0', url), headers: { authorization: `Bearer ${token}` } })
const text = new TextEncoder()

async function bytes (iterable) {
  const chunks = []
  for await (const c of iterable) chunks.push(c)
  return Buffer.concat(chunks)
}

const big = new Uint8Array(300000).map((_, i) => (i * 7) % 251)
const tree = {}
for await (const r of client.addAll([
  { path: 'site' },
  { path: 'site/a.txt', content: text.encode('alpha\n') },
  { path: 'site/sub' },
  { path: 'site/sub/empty' },
  { path: 'site/sub/b.bin', content: big }
], { cidVersion: 1 })) {
  tree[r.path] = r.cid
}
const site = tree.site

const listed = []
for await (const e of client.ls(site)) listed.push({ name: e.name, type: e.type, size: Number(e.size), cid: e.cid.toString() })
assert.deepEqual(listed.map(e => [e.name, e.type]), [['a.txt', 'file'], ['sub', 'dir']])
assert.equal(listed[0].size, 6)
assert.equal(listed[0].cid, tree['site/a.txt'].toString())

writeFileSync(join(out, 'get.tar'), await bytes(client.get(site)))
writeFileSync(join(out, 'site.car'), await bytes(client.dag.export(site)))

const refs = []
for await (const r of client.refs(site, { recursive: true, unique: true })) {
  assert.equal(r.err, '')
  refs.push(r.ref)
}

const stat = await client.repo.stat()
assert.equal(typeof stat.numObjects, 'bigint')
assert.ok(stat.numObjects > 0n, 'repo stat counts the blocks')
assert.ok(stat.repoSize > 300000n, 'repo stat counts the bytes')

const node = { hello: 'world', n: 42, link: tree['site/a.txt'], list: [1, 2.5, null] }
const expected = CID.createV1(dagCbor.code, await sha256.digest(dagCbor.encode(node)))
const put = await client.dag.put(node, { pin: true })
assert.equal(put.toString(), expected.toString())
const got = await client.dag.get(put)
assert.deepEqual(got.value, node)

const updated = await client.pin.update(put, site)
assert.deepEqual(updated.map(String), [put.toString(), site.toString()])
const pins = []
for await (const p of client.pin.ls()) pins.push(p.cid.toString())
assert.ok(pins.includes(site.toString()) && !pins.includes(put.toString()), `pin update moved the pin: ${pins}`)

const removed = []
for await (const r of client.block.rm([put, site])) removed.push({ cid: r.cid.toString(), error: r.error?.message })
assert.deepEqual(removed, [{ cid: put.toString(), error: undefined }, { cid: site.toString(), error: 'pinned: recursive' }])

process.stdout.write(JSON.stringify({ site: site.toString(), refs, listed }) + '\n')
