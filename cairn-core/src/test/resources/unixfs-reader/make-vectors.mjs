// Writes importer-vectors.car: DAGs made by the reference JS importer, for the UnixFS reader tests.
// Run from a folder where `npm install ipfs-unixfs-importer ipfs-unixfs-exporter @ipld/car blockstore-core`
// was done (tested with ipfs-unixfs-importer 16.x, ipfs-unixfs-exporter 16.2.2, @ipld/car 5.4.7):
//   NODE_PATH=... node make-vectors.mjs <out-dir>
// It prints the expected values (sizes, sha256, lookup paths) that the Java tests hard-code.
import { importer } from 'ipfs-unixfs-importer'
import { trickle, balanced } from 'ipfs-unixfs-importer/layout'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { exporter } from 'ipfs-unixfs-exporter'
import { MemoryBlockstore } from 'blockstore-core'
import { CarWriter } from '@ipld/car'
import { createHash } from 'node:crypto'
import fs from 'node:fs'

// the content the Java test regenerates: byte i = (i * 31 + (i >> 8)) & 0xff
const content = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + (i >> 8)) & 0xff)
const sha = (b) => createHash('sha256').update(b).digest('hex')
const store = new MemoryBlockstore()
const written = new Map() // the memory store keys by multihash only; keep the CIDs (and their codecs) here
const bs = {
  put: async (cid, bytes, o) => { written.set(cid.toString(), { cid, bytes }); return store.put(cid, bytes, o) },
  get: (cid, o) => store.get(cid, o),
  has: (cid, o) => store.has(cid, o)
}
const last = async (it) => { let x; for await (x of it); return x }
const all = async (it) => { const out = []; for await (const x of it) out.push(x); return out }

const trickleFile = await last(importer([{ content: content(5000) }], bs, {
  chunker: fixedSize({ chunkSize: 64 }), layout: trickle({ maxChildrenPerNode: 4, layerRepeat: 2 }),
  rawLeaves: false, leafType: 'raw', reduceSingleLeafToSelf: false, cidVersion: 0 }))
const balancedFile = await last(importer([{ content: content(3000) }], bs, {
  chunker: fixedSize({ chunkSize: 100 }), layout: balanced({ maxChildrenPerNode: 3 }),
  rawLeaves: false, leafType: 'file', cidVersion: 0 }))
const entries = Array.from({ length: 300 }, (_, i) => ({ path: `d/file-${i}.txt`, content: new TextEncoder().encode(`entry ${i}\n`) }))
const dir = await last(importer(entries, bs, { shardSplitThresholdBytes: 1, rawLeaves: true, cidVersion: 1 }))

const roots = [trickleFile.cid, balancedFile.cid, dir.cid]
const { writer, out } = CarWriter.create(roots)
const chunks = []
const done = (async () => { for await (const c of out) chunks.push(c) })()
for (const { cid, bytes } of written.values()) await writer.put({ cid, bytes })
await writer.close()
await done
fs.writeFileSync(`${process.argv[2] ?? '.'}/importer-vectors.car`, Buffer.concat(chunks))

for (const [name, f, n] of [['trickle', trickleFile, 5000], ['balanced', balancedFile, 3000]]) {
  const e = await exporter(f.cid, bs)
  const bytes = Buffer.concat(await all(e.content()))
  console.log(name, f.cid.toString(), bytes.length, sha(bytes), 'regenerated-content-sha', sha(content(n)))
}
const d = await exporter(dir.cid, bs)
const names = (await all(d.entries())).map((e) => e.name).sort()
console.log('dir', dir.cid.toString(), d.unixfs.type, names.length, sha(names.join('\n')))
for (const name of ['file-0.txt', 'file-123.txt', 'file-299.txt']) {
  const seen = []
  const traced = { get: (c, o) => { seen.push(c.toString()); return bs.get(c, o) } }
  const e = await exporter(`${dir.cid}/${name}`, traced)
  console.log('lookup', name, e.cid.toString(), 'blocks', seen.join(' '))
}
