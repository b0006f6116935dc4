#!/usr/bin/env node
// Usage: node unixfs-cat.mjs CAR CID[/path] [OFFSET [LENGTH]]
// Writes the bytes of the UnixFS file (or raw/identity block) at CID[/path] to stdout, as
// ipfs-unixfs-exporter reads it from the (verified) blocks of CAR; OFFSET/LENGTH select a range the
// way the exporter's content({offset, length}) does. Exits 1 with a message on stderr if a block is
// missing or corrupt or the path is not a file, 2 on bad usage.
import { MemoryBlockstore } from 'blockstore-core/memory'
import { exporter } from 'ipfs-unixfs-exporter'
import { readCar } from './lib/car-blocks.mjs'

const [car, path, offset, length] = process.argv.slice(2)
if (car == null || path == null || process.argv.length > 6) {
  process.stderr.write('usage: unixfs-cat.mjs CAR CID[/path] [OFFSET [LENGTH]]\n')
  process.exit(2)
}
try {
  const blockstore = new MemoryBlockstore()
  for (const { cid, bytes } of (await readCar(car)).blocks) await blockstore.put(cid, bytes)
  const entry = await exporter(path, blockstore)
  if (entry.type === 'directory') throw new Error(`${path} is a directory`)
  if (entry.type === 'object') throw new Error(`${path} is not UnixFS data (codec ${entry.cid.code})`)
  const range = {}
  if (offset != null) range.offset = Number(offset)
  if (length != null) range.length = Number(length)
  for await (const chunk of entry.content(range)) {
    if (!process.stdout.write(chunk)) await new Promise(resolve => process.stdout.once('drain', resolve))
  }
} catch (e) {
  process.stderr.write(`unixfs-cat: ${path}: ${e.name}: ${e.message}\n`)
  process.exit(1)
}
