#!/usr/bin/env node
// Usage: node kubo-client.mjs API_URL TOKEN FILE
// Drives Cairn's Kubo RPC at API_URL (e.g. http://127.0.0.1:5001) with the npm client Kubo users
// use, kubo-rpc-client: adds FILE and a small directory tree (nested, with an empty directory) with
// CIDv1, cats the file whole and in a range, block stat/get, dag export, then dag import of the
// export, pin ls/rm/add. Checks byte equality itself; prints a JSON summary of the CIDs so the Java
// test compares them with ipfs-unixfs-importer. Exits 1 with a message when a check fails.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { create } from 'kubo-rpc-client'

if (process.argv.length !== 5) {
  process.stderr.write('usage: kubo-client.mjs API_URL TOKEN FILE\n')
  process.exit(2)
}
const [url, token, file] = process.argv.slice(2)
const client = create({ url: new URL('/api/v0', url), headers: { authorization: `Bearer ${token}` } })
const data = readFileSync(file)

async function bytes (iterable) {
  const chunks = []
  for await (const c of iterable) chunks.push(c)
  return Buffer.concat(chunks)
}

const version = await client.version()
assert.equal(typeof version.version, 'string')

const added = await client.add({ path: 'data.bin', content: data })
const fileCid = added.cid.toString()
assert.equal(added.path, 'data.bin')
assert.equal(added.size > data.length, true)

const text = new TextEncoder()
const tree = []
for await (const r of client.addAll([
  { path: 'site' },
  { path: 'site/a.txt', content: text.encode('alpha\n') },
  { path: 'site/sub' },
  { path: 'site/sub/empty' },
  { path: 'site/sub/b.bin', content: data.subarray(0, 300000) }
], { cidVersion: 1 })) {
  tree.push({ path: r.path, cid: r.cid.toString() })
}
const dirCid = tree.find(e => e.path === 'site').cid

assert.deepEqual(await bytes(client.cat(fileCid)), data)
assert.deepEqual(await bytes(client.cat(fileCid, { offset: 1000, length: 5000 })), data.subarray(1000, 6000))
assert.deepEqual(await bytes(client.cat(`/ipfs/${dirCid}/sub/b.bin`)), data.subarray(0, 300000))

const stat = await client.block.stat(added.cid)
const block = await client.block.get(added.cid)
assert.equal(stat.size, block.length)
assert.equal(stat.cid.toString(), fileCid)

const car = await bytes(client.dag.export(added.cid))
assert.ok(car.length > data.length)

const pinned = []
for await (const p of client.pin.ls()) pinned.push(p.cid.toString())
assert.ok(pinned.includes(fileCid), `pin ls lists the added file: ${pinned}`)
assert.ok(pinned.includes(dirCid), `pin ls lists the added directory: ${pinned}`)

const removed = await client.pin.rm(added.cid)
assert.equal(removed.toString(), fileCid)
const afterRm = []
for await (const p of client.pin.ls()) afterRm.push(p.cid.toString())
assert.ok(!afterRm.includes(fileCid))

const roots = []
for await (const r of client.dag.import([car], { pinRoots: true })) roots.push(r.root.cid.toString())
assert.deepEqual(roots, [fileCid])
const afterImport = []
for await (const p of client.pin.ls({ paths: [added.cid] })) afterImport.push(p.cid.toString())
assert.deepEqual(afterImport, [fileCid])

await client.pin.rm(added.cid)
const repinned = await client.pin.add(added.cid)
assert.equal(repinned.toString(), fileCid)

let refused = false
try {
  await create({ url: new URL('/api/v0', url), headers: { authorization: 'Bearer cairn_not-a-token' } }).version()
} catch (e) {
  refused = true
}
assert.ok(refused, 'a wrong token is refused')

process.stdout.write(JSON.stringify({ version: version.version, file: fileCid, dir: dirCid, tree, carBytes: car.length }) + '\n')
