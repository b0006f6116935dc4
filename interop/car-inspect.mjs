#!/usr/bin/env node
// Usage: node car-inspect.mjs CAR
// Prints {"version": 1|2, "roots": ["<cid>", ...], "blocks": [{"cid": "<cid>", "size": N}, ...]} with the
// blocks in file order (duplicates kept) after verifying each block's bytes against its CID with the
// multiformats hashers (sha2-256, sha2-512, identity). Exits 1 with a message on stderr if the CAR
// cannot be read or a block does not verify, 2 on bad usage.
import { readCar } from './lib/car-blocks.mjs'

if (process.argv.length !== 3) {
  process.stderr.write('usage: car-inspect.mjs CAR\n')
  process.exit(2)
}
try {
  const car = await readCar(process.argv[2])
  process.stdout.write(JSON.stringify({
    version: car.version,
    roots: car.roots.map(String),
    blocks: car.blocks.map(b => ({ cid: b.cid.toString(), size: b.bytes.length }))
  }) + '\n')
} catch (e) {
  process.stderr.write(`car-inspect: ${e.message}\n`)
  process.exit(1)
}
