#!/usr/bin/env node
// Usage: node psa-client.mjs ENDPOINT TOKEN
// Drives a Pinning Service API at ENDPOINT (e.g. http://127.0.0.1:5001) with the reference JS client
// @ipfs-shipyard/pinning-service-client: creates 25 pins (plus a duplicate CID), pages through them
// with limit 10 the way the spec describes (before = created of the oldest item, until
// count == results.length), lists with every filter, replaces and deletes pins, and checks the
// error answers (401, 404). Every check is an assertion here; on success it prints a JSON summary
// for the Java test. Exits 1 with a message on stderr when a check fails, 2 on bad usage.
// No pin needs its content to be fetched: statuses other than those asserted are never assumed.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { Configuration, RemotePinningServiceClient, Status, TextMatchingStrategy } from '@ipfs-shipyard/pinning-service-client'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'

if (process.argv.length !== 4) {
  process.stderr.write('usage: psa-client.mjs ENDPOINT TOKEN\n')
  process.exit(2)
}
const [endpointUrl, accessToken] = process.argv.slice(2)
const client = new RemotePinningServiceClient(new Configuration({ endpointUrl, accessToken }))
const stranger = new RemotePinningServiceClient(new Configuration({ endpointUrl, accessToken: 'cairn_not-a-token' }))
const ALL = [Status.Queued, Status.Pinning, Status.Pinned, Status.Failed]
const run = randomUUID()

async function cidOf (text) {
  return CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode(text))).toString()
}

/** The generated client throws the fetch Response on a non-2xx answer. */
async function failure (promise) {
  try {
    await promise
  } catch (e) {
    if (typeof e?.status !== 'number') throw e
    const body = await e.json()
    assert.deepEqual(Object.keys(body), ['error'])
    assert.equal(typeof body.error.reason, 'string')
    assert.ok(body.error.details?.length > 0, 'Failure details must not be empty')
    return { status: e.status, reason: body.error.reason }
  }
  assert.fail('expected an error answer')
}

function checkStatus (ps, cid) {
  assert.match(ps.requestid, /^[0-9a-f-]{36}$/)
  assert.ok(ALL.includes(ps.status), `status ${ps.status}`)
  assert.ok(ps.created instanceof Date && !isNaN(ps.created), 'created parses as a date')
  assert.equal(ps.pin.cid, cid)
  assert.ok(ps.delegates.length >= 1, 'delegates is never empty')
  for (const d of ps.delegates) assert.match(d, /\/p2p\/[1-9A-HJ-NP-Za-km-z]+$/)
  for (const v of Object.values(ps.info ?? {})) assert.equal(typeof v, 'string')
}

async function listAll (filters) {
  const seen = []
  let before
  let pages = 0
  for (;;) {
    const page = await client.pinsGet({ ...filters, limit: 10, ...(before ? { before } : {}) })
    pages++
    seen.push(...page.results)
    if (page.count === page.results.length) return { seen, pages }
    assert.ok(page.results.length > 0, `count=${page.count} but no results`)
    assert.ok(page.count > page.results.length)
    before = page.results[page.results.length - 1].created
  }
}

try {
  const meta = JSON.stringify({ run })
  // 1. create 25 pins, newest last; origins include ones that do not parse (kept, ignored)
  const created = []
  for (let i = 0; i < 25; i++) {
    const cid = await cidOf(`${run} ${i}`)
    const ps = await client.pinsPost({
      pin: { cid, name: `interop-${run}-${i}`, origins: ['/ip4/203.0.113.7/tcp/4001/p2p/12D3KooWGRUVh4xXrKpQJMhEJK9HKfdQS8JYr2nZ7U4tgTbpQmJd', 'not a multiaddr'], meta: { run, i: String(i) } }
    })
    checkStatus(ps, cid)
    assert.equal(ps.status, Status.Queued)
    assert.equal(ps.pin.name, `interop-${run}-${i}`)
    assert.deepEqual(ps.pin.meta, { run, i: String(i) })
    created.push(ps)
  }
  assert.equal(new Set(created.map(p => p.requestid)).size, 25)
  assert.equal(new Set(created.map(p => p.created.getTime())).size, 25, 'created is unique')

  // 2. the same CID again is a new request
  const dup = await client.pinsPost({ pin: { cid: created[0].pin.cid } })
  checkStatus(dup, created[0].pin.cid)
  assert.notEqual(dup.requestid, created[0].requestid)

  // 3. page through the 25 (meta filter as the spec's JSON string; the dup has no meta)
  const { seen, pages } = await listAll({ meta, status: ALL })
  assert.equal(pages, 3)
  assert.deepEqual(seen.map(p => p.requestid), created.map(p => p.requestid).reverse(), 'newest first, each once')

  // 4. filters
  const firstPage = await client.pinsGet({ meta, status: ALL, limit: 10 })
  assert.equal(firstPage.count, 25)
  assert.equal(firstPage.results.length, 10)
  const byCid = await client.pinsGet({ cid: [created[0].pin.cid, created[1].pin.cid] })
  assert.equal(byCid.count, 3, 'cid filter without status: all statuses, duplicate included')
  const exact = await client.pinsGet({ name: `interop-${run}-7` })
  assert.deepEqual(exact.results.map(p => p.requestid), [created[7].requestid])
  const iexact = await client.pinsGet({ name: `INTEROP-${run}-7`.toUpperCase(), match: TextMatchingStrategy.Iexact })
  assert.deepEqual(iexact.results.map(p => p.requestid), [created[7].requestid])
  const partial = await client.pinsGet({ name: `${run}-1`, match: TextMatchingStrategy.Partial, limit: 100 })
  assert.equal(partial.count, 11, '-1 and -10..-19')
  const noCase = await client.pinsGet({ name: `${run}-1`.toUpperCase(), match: TextMatchingStrategy.Partial })
  assert.equal(noCase.count, 0, 'partial is case-sensitive')
  const ipartial = await client.pinsGet({ name: `${run}-1`.toUpperCase(), match: TextMatchingStrategy.Ipartial })
  assert.equal(ipartial.count, 11)
  const queued = await client.pinsGet({ meta, status: [Status.Queued, Status.Pinning, Status.Failed], limit: 1 })
  assert.ok(queued.count <= 25 && queued.results.length === 1)
  const after = await client.pinsGet({ meta, status: ALL, after: created[19].created })
  assert.deepEqual(after.results.map(p => p.requestid), created.slice(20).map(p => p.requestid).reverse())
  const before = await client.pinsGet({ meta, status: ALL, before: created[2].created })
  assert.deepEqual(before.results.map(p => p.requestid), [created[1].requestid, created[0].requestid])
  const oneMeta = await client.pinsGet({ meta: JSON.stringify({ run, i: '24' }) })
  assert.deepEqual(oneMeta.results.map(p => p.requestid), [created[24].requestid])

  // 5. get, replace, delete
  const got = await client.pinsRequestidGet({ requestid: created[3].requestid })
  checkStatus(got, created[3].pin.cid)
  assert.equal(got.created.getTime(), created[3].created.getTime())
  const newCid = await cidOf(`${run} replacement`)
  const replaced = await client.pinsRequestidPost({ requestid: created[3].requestid, pin: { cid: newCid, name: 'replacement', meta: { run } } })
  checkStatus(replaced, newCid)
  assert.notEqual(replaced.requestid, created[3].requestid)
  assert.ok(replaced.created > created[24].created, 'the replacement is the newest request')
  assert.deepEqual(await failure(client.pinsRequestidGet({ requestid: created[3].requestid })), { status: 404, reason: 'NOT_FOUND' })
  await client.pinsRequestidDelete({ requestid: created[4].requestid })
  assert.deepEqual(await failure(client.pinsRequestidGet({ requestid: created[4].requestid })), { status: 404, reason: 'NOT_FOUND' })
  assert.deepEqual(await failure(client.pinsRequestidDelete({ requestid: created[4].requestid })), { status: 404, reason: 'NOT_FOUND' })
  const remaining = await listAll({ meta, status: ALL })
  assert.equal(remaining.seen.length, 24, '25 - deleted + replacement - replaced')
  assert.equal(remaining.seen[0].requestid, replaced.requestid)

  // 6. errors
  assert.deepEqual(await failure(stranger.pinsGet({})), { status: 401, reason: 'UNAUTHORIZED' })
  assert.deepEqual(await failure(client.pinsGet({ limit: 1001 })), { status: 400, reason: 'BAD_REQUEST' })
  assert.deepEqual(await failure(client.pinsPost({ pin: { cid: 'not-a-cid' } })), { status: 400, reason: 'BAD_REQUEST' })

  process.stdout.write(JSON.stringify({
    run,
    created: created.length,
    pages,
    remaining: remaining.seen.length,
    replaced: { old: created[3].requestid, new: replaced.requestid },
    deleted: created[4].requestid
  }) + '\n')
} catch (e) {
  process.stderr.write(`psa-client: ${e.stack ?? e}\n`)
  process.exit(1)
}
