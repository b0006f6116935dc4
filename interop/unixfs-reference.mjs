#!/usr/bin/env node
// Reference UnixFS importer: what CIDs would an independent implementation give these inputs?
//
// stdin:  JSON array of cases [{"id": "...", "path": "/abs/file-or-dir", "options": {...}}]
// stdout: JSON object {"<id>": {"root": "<cid>", "entries": [{"path": "...", "cid": "...", "size": N}]}}
//
// `entries` are in the order the importer yields them (files as they finish, each directory after
// its contents, the root last). `path` is relative to the parent of the case's path (Kubo's `ipfs add`
// output names), "" for the wrapping directory of wrapWithDirectory. `size` is the cumulative DAG size
// (the Tsize a parent link would carry), which is what Kubo's `ipfs add` reports as Size.
// Options and what they reproduce of Kubo: see lib/importer-options.mjs. A case whose HAMT decision
// the library cannot make the way Kubo does fails instead of answering (lib/sharding-check.mjs).
// Exit status 1 with a message on stderr if any case fails; nothing partial is printed.
import { MemoryBlockstore } from 'blockstore-core/memory'
import { importer, importerOptions } from './lib/importer-options.mjs'
import { candidates } from './lib/walk.mjs'
import { checkShardingDecisions } from './lib/sharding-check.mjs'
import path from 'node:path'

async function readStdin () {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function run (testCase) {
  if (typeof testCase.id !== 'string') throw new Error('case without string id')
  if (typeof testCase.path !== 'string' || !path.isAbsolute(testCase.path)) {
    throw new Error(`case ${testCase.id}: path must be absolute, got ${testCase.path}`)
  }
  let options
  try {
    options = importerOptions(testCase.options ?? {})
  } catch (e) {
    throw new Error(`case ${testCase.id}: ${e.message}`)
  }
  const imported = []
  for await (const entry of importer(candidates(testCase.path), new MemoryBlockstore(), options)) {
    imported.push({ path: entry.path ?? '', cid: entry.cid, size: entry.size, type: entry.unixfs?.type })
  }
  if (imported.length === 0) throw new Error(`case ${testCase.id}: importer yielded nothing`)
  try {
    checkShardingDecisions(imported, options)
  } catch (e) {
    throw new Error(`case ${testCase.id}: ${e.message}`)
  }
  const entries = imported.map(e => ({ path: e.path, cid: e.cid.toString(), size: Number(e.size) }))
  return { root: entries[entries.length - 1].cid, entries }
}

try {
  const cases = JSON.parse(await readStdin())
  if (!Array.isArray(cases)) throw new Error('stdin must be a JSON array of cases')
  const out = {}
  for (const c of cases) {
    if (Object.hasOwn(out, c.id)) throw new Error(`duplicate case id ${c.id}`)
    out[c.id] = await run(c)
  }
  process.stdout.write(JSON.stringify(out) + '\n')
} catch (e) {
  process.stderr.write(`unixfs-reference: ${e.message}\n`)
  process.exit(1)
}
