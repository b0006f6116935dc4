#!/usr/bin/env node
// Usage: node bench/js-import.mjs FILE|DIR BLOCKSTORE_DIR ['{"profile":"unixfs-v1-2025", ...}']
//
// The JS peer of Cairn's `add` benchmark: imports FILE with ipfs-unixfs-importer (Kubo options by
// default, see interop/lib/importer-options.mjs; an optional JSON object overrides them) into a
// blockstore-fs at BLOCKSTORE_DIR, and prints {"cid": "...", "bytes": N, "seconds": S}.
// `seconds` covers opening the store, chunking, hashing, writing every block and closing the store;
// not Node's start-up. Needs `npm ci --prefix interop` first.
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { FsBlockstore } from '../interop/lib/fs-blockstore.mjs'
import { importer, importerOptions } from '../interop/lib/importer-options.mjs'

const [file, storeDir, optionsJson] = process.argv.slice(2)
if (file == null || storeDir == null || process.argv.length > 5) {
  process.stderr.write('usage: js-import.mjs FILE BLOCKSTORE_DIR [OPTIONS_JSON]\n')
  process.exit(2)
}
try {
  const options = importerOptions(optionsJson == null ? {} : JSON.parse(optionsJson))
  const start = performance.now()
  const store = new FsBlockstore(storeDir)
  await store.open()
  let root
  let bytes = 0
  let source
  if (fs.statSync(file).isDirectory()) {
    // A flat directory (the 10,000-small-files case), imported as `ipfs add -r DIR` would.
    const base = path.basename(file)
    source = fs.readdirSync(file).sort().map(name => {
      bytes += fs.statSync(path.join(file, name)).size
      return { path: `${base}/${name}`, content: fs.createReadStream(path.join(file, name)) }
    })
  } else {
    bytes = fs.statSync(file).size
    source = [{ content: fs.createReadStream(file, { highWaterMark: 1 << 20 }) }]
  }
  for await (const entry of importer(source, store, options)) root = entry
  await store.close()
  const seconds = (performance.now() - start) / 1000
  process.stdout.write(JSON.stringify({ cid: root.cid.toString(), bytes, seconds: Number(seconds.toFixed(3)) }) + '\n')
} catch (e) {
  process.stderr.write(`js-import: ${e.message}\n`)
  process.exit(1)
}
