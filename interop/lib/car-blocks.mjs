// Reads a CAR (v1 or v2) with @ipld/car's CarReader and checks every block against its CID's
// multihash with the multiformats hashers. Shared by car-inspect.mjs and unixfs-cat.mjs.
import fs from 'node:fs'
import { CarReader } from '@ipld/car'
import { identity } from 'multiformats/hashes/identity'
import { sha256, sha512 } from 'multiformats/hashes/sha2'
import { equals } from 'multiformats/bytes'

const HASHERS = new Map([[sha256.code, sha256], [sha512.code, sha512]])

export async function readCar (carPath) {
  const reader = await CarReader.fromIterable(fs.createReadStream(carPath))
  const blocks = []
  for await (const { cid, bytes } of reader.blocks()) {
    await verify(cid, bytes)
    blocks.push({ cid, bytes })
  }
  return { version: reader.version, roots: await reader.getRoots(), blocks }
}

async function verify (cid, bytes) {
  const mh = cid.multihash
  let digest
  if (mh.code === identity.code) {
    digest = bytes
  } else {
    const hasher = HASHERS.get(mh.code)
    if (hasher == null) throw new Error(`block ${cid}: unsupported hash function 0x${mh.code.toString(16)}`)
    digest = (await hasher.digest(bytes)).digest
  }
  if (!equals(digest, mh.digest)) throw new Error(`block ${cid} does not match its hash`)
}
