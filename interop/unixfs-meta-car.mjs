#!/usr/bin/env node
// UnixFS 1.5 metadata made by an independent importer: a directory tree whose entries carry (or
// lack) `mode` and `mtime`, imported with ipfs-unixfs-importer and written to a CAR with @ipld/car.
//
// usage: unixfs-meta-car.mjs OUT.car
// stdout: {"root": "<cid>", "entries": [{"path", "cid", "mode", "mtime": {"secs", "nsecs"} | null}]}
//   where mode/mtime are the fields as written in each entry's block (read from the dag-pb Data
//   protobuf field by field, null when absent: ipfs-unixfs's own getters fill in default modes).
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { CarWriter } from '@ipld/car'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { importer } from 'ipfs-unixfs-importer'
import * as dagPb from '@ipld/dag-pb'

const out = process.argv[2]
if (out == null) {
  process.stderr.write('usage: unixfs-meta-car.mjs OUT.car\n')
  process.exit(2)
}
const bytes = (text) => new TextEncoder().encode(text)
const candidates = [
  { path: 'tree/a.txt', content: bytes('with mode and mtime\n'), mode: 0o644, mtime: { secs: 1700000000n, nsecs: 500000000 } },
  { path: 'tree/run.sh', content: bytes('#!/bin/sh\necho hi\n'), mode: 0o4755, mtime: { secs: 86400n } },
  { path: 'tree/plain.txt', content: bytes('no metadata\n') },
  { path: 'tree/sub', mode: 0o1777, mtime: { secs: 1000000000n, nsecs: 123456789 } },
  { path: 'tree/sub/inner.txt', content: bytes('inner\n'), mode: 0o600 },
  { path: 'tree/link', link: 'a.txt', mode: 0o777, mtime: { secs: 1600000000n } }
]
const blockstore = new MemoryBlockstore()
const entries = []
// dag-pb leaves and CIDv0, as Kubo's default `ipfs add`: every entry is a dag-pb node that can carry metadata
for await (const e of importer(candidates, blockstore, { cidVersion: 0, rawLeaves: false, reduceSingleLeafToSelf: false })) {
  entries.push(e)
}
const described = []
for (const e of entries) {
  const chunks = []
  for await (const chunk of blockstore.get(e.cid)) chunks.push(chunk)
  const fields = protoFields(dagPb.decode(Buffer.concat(chunks)).Data)
  const mtime = fields.get(8) == null ? null : protoFields(fields.get(8))
  described.push({
    path: e.path,
    cid: e.cid.toString(),
    mode: fields.get(7) ?? null,
    mtime: mtime == null ? null : { secs: mtime.get(1), nsecs: mtime.get(2) ?? 0 }
  })
}
const root = entries[entries.length - 1].cid

// The last value of each field of a protobuf message: varints as numbers, fixed32 as numbers,
// length-delimited as bytes (enough for UnixFS Data's mode = 7 and mtime = 8 {1 seconds, 2 nanos}).
function protoFields (buf) {
  const out = new Map()
  let i = 0
  const varint = () => {
    let v = 0n
    let shift = 0n
    for (;;) {
      const b = buf[i++]
      v |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return Number(v)
      shift += 7n
    }
  }
  while (i < buf.length) {
    const key = varint()
    const field = Math.floor(key / 8)
    switch (key & 7) {
      case 0: out.set(field, varint()); break
      case 2: { const n = varint(); out.set(field, buf.subarray(i, i + n)); i += n; break }
      case 5: out.set(field, buf.readUInt32LE(i)); i += 4; break
      default: throw new Error(`unexpected wire type ${key & 7}`)
    }
  }
  return out
}
const { writer, out: carBytes } = CarWriter.create([root])
const done = new Promise((resolve, reject) => {
  Readable.from(carBytes).pipe(fs.createWriteStream(out)).on('finish', resolve).on('error', reject)
})
for await (const { cid, bytes } of blockstore.getAll()) {
  const chunks = []
  for await (const chunk of bytes) chunks.push(chunk) // blockstore-core 7 streams a block's bytes
  await writer.put({ cid, bytes: Buffer.concat(chunks) })
}
await writer.close()
await done
process.stdout.write(JSON.stringify({ root: root.toString(), entries: described }) + '\n')
