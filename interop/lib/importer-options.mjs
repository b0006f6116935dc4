// Maps Cairn's interop option names onto ipfs-unixfs-importer so that its output reproduces Kubo.
//
// Why this file exists: ipfs-unixfs-importer is the independent implementation Cairn's CIDs are
// checked against, but its defaults are not Kubo's. Each option below says which Kubo behaviour it
// reproduces and where the JS library cannot follow Kubo (tests must then use Kubo-made fixtures).
//
// Profiles (IPIP-499 names in brackets):
//   kubo            [unixfs-v0-2015] `ipfs add` defaults: CIDv0, dag-pb leaves of UnixFS type File,
//                   a single-chunk file is its own root (reduceSingleLeafToSelf), fixed 262144-byte
//                   chunks, balanced layout with at most 174 links, HAMT when the directory's link
//                   estimate (name bytes + CID bytes per link, boxo's LinkSizeFunction) exceeds 262144.
//   unixfs-v1-2025  [unixfs-v1-2025] CIDv1, raw leaves, 1048576-byte chunks, balanced with at most
//                   1024 links, HAMT when the exact serialized size of the directory block exceeds 262144.
//
// Overrides (all optional):
//   cidVersion 0|1                 `ipfs add --cid-version`
//   rawLeaves bool                 `ipfs add --raw-leaves`; in the kubo profile it defaults to
//                                  cidVersion == 1, as Kubo's `--cid-version=1` implies raw leaves
//   chunkSize N                    `ipfs add --chunker=size-N`
//   layout balanced|trickle        `ipfs add --trickle`. Trickle uses Kubo's parameters (layer repeat 4,
//                                  maxChildren links); with dag-pb leaves Kubo's trickle writes UnixFS
//                                  `Raw` leaves and never reduces a single leaf to the root, so that is
//                                  what we ask the library for (its `leafType: 'raw'` exists for this).
//   maxChildren N                  links per internal file node (Kubo: fixed 174, not a CLI flag)
//   wrapWithDirectory bool         `ipfs add -w`
//   reduceSingleLeafToSelf bool    escape hatch; Kubo's balanced layout always reduces
//   shardSplitThresholdBytes N     Kubo `Import.UnixFSHAMTDirectorySizeThreshold`. Current Kubo shards
//                                  when estimate > N (kubo test/cli/cid_profiles_test.go: a directory
//                                  exactly at 262144 stays flat), like the JS importer. Older boxo
//                                  (io/directory.go before IPIP-499) used >=; `shardSplitComparison:
//                                  "gte"` models it by passing N - 1 (sizes are integers).
//   shardSplitStrategy links-bytes|block-bytes|disabled (aliases links|block, Kubo's
//                                  `Import.UnixFSHAMTDirectorySizeEstimation` values). `disabled`
//                                  never shards.
//   shardFanoutBits N              HAMT width 2^N (Kubo `Import.UnixFSHAMTDirectoryMaxFanout` = 2^N)
//
// Not reproducible with this library (rejected with an error rather than silently ignored):
//   inline / inlineLimit           `ipfs add --inline`: the importer has no identity-CID builder.
//   hash (other than sha2-256)     `ipfs add --hash`: not exposed by the importer.
//   rabin / buzhash chunkers       Kubo's buzhash has no JS implementation here.
//   maxLinks for basic directories Kubo `Import.UnixFSDirectoryMaxLinks`.
// Known divergence, detected rather than fixed: the JS tree builder decides sharding when a *file*
// is added and counts a not-yet-flushed subdirectory as 0 bytes, whereas Kubo counts every link.
// lib/sharding-check.mjs recomputes Kubo's decision after each import and fails the case if the
// two differ.
// Evidence so far (cairn-core dev.cairn.interop tests): Kubo's published CIDs for the IPIP-499
// boundary cases (174/175 chunks, HAMT threshold +-1 under both estimations), Kubo's sharness
// vectors (trickle single chunk, raw leaves, CIDv1) and re-imports of Kubo-made fixture DAGs
// (256-byte chunks, symlink, 1000-entry HAMT). Multi-level trickle is not checked against Kubo here;
// upstream's own test (hash-parity-with-go-ipfs) claims parity for a 45.9 MB file.
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced, trickle } from 'ipfs-unixfs-importer/layout'

const PROFILES = {
  kubo: {
    cidVersion: 0,
    rawLeaves: false,
    chunkSize: 262144,
    layout: 'balanced',
    maxChildren: 174,
    shardSplitThresholdBytes: 262144,
    shardSplitStrategy: 'links-bytes'
  },
  'unixfs-v1-2025': {
    cidVersion: 1,
    rawLeaves: true,
    chunkSize: 1048576,
    layout: 'balanced',
    maxChildren: 1024,
    shardSplitThresholdBytes: 262144,
    shardSplitStrategy: 'block-bytes'
  }
}

const KNOWN = new Set(['profile', 'cidVersion', 'rawLeaves', 'chunkSize', 'layout', 'maxChildren',
  'wrapWithDirectory', 'reduceSingleLeafToSelf', 'shardSplitThresholdBytes', 'shardSplitStrategy',
  'shardSplitComparison', 'shardFanoutBits', 'inline', 'inlineLimit', 'hash'])

const STRATEGY_ALIASES = { links: 'links-bytes', block: 'block-bytes' }

/** Resolves a Cairn option object into ipfs-unixfs-importer options; throws on anything it cannot reproduce. */
export function importerOptions (given = {}) {
  for (const key of Object.keys(given)) {
    if (!KNOWN.has(key)) throw new Error(`unknown option "${key}"`)
  }
  const profileName = given.profile ?? 'kubo'
  const profile = PROFILES[profileName]
  if (profile == null) throw new Error(`unknown profile "${profileName}" (kubo | unixfs-v1-2025)`)
  const o = { ...profile, ...given }
  if (profileName === 'kubo' && given.rawLeaves == null) {
    // Kubo: `--cid-version=1` turns raw leaves on unless `--raw-leaves=false` is given.
    o.rawLeaves = o.cidVersion === 1
  }

  if (o.inline === true || o.inlineLimit != null) {
    throw new Error('inline/inlineLimit: ipfs-unixfs-importer cannot make identity CIDs; use Kubo fixtures')
  }
  if (o.hash != null && o.hash !== 'sha2-256') {
    throw new Error(`hash "${o.hash}": ipfs-unixfs-importer only hashes with sha2-256`)
  }
  if (o.cidVersion !== 0 && o.cidVersion !== 1) throw new Error(`cidVersion must be 0 or 1, got ${o.cidVersion}`)
  // cidVersion 0 with rawLeaves: leaves become CIDv1 raw and parents stay CIDv0, as in boxo's
  // DagBuilderHelper; the importer's buffer-importer does the same, nothing to adjust.
  if (!Number.isInteger(o.chunkSize) || o.chunkSize <= 0) throw new Error(`chunkSize must be a positive integer, got ${o.chunkSize}`)
  if (!Number.isInteger(o.maxChildren) || o.maxChildren < 2) throw new Error(`maxChildren must be an integer >= 2, got ${o.maxChildren}`)

  let layout
  let leafType = 'file'
  let reduceSingleLeafToSelf = true
  if (o.layout === 'balanced') {
    layout = balanced({ maxChildrenPerNode: o.maxChildren })
  } else if (o.layout === 'trickle') {
    layout = trickle({ maxChildrenPerNode: o.maxChildren, layerRepeat: 4 })
    leafType = 'raw'
    reduceSingleLeafToSelf = false
  } else {
    throw new Error(`layout must be balanced or trickle, got ${o.layout}`)
  }
  if (o.reduceSingleLeafToSelf != null) reduceSingleLeafToSelf = o.reduceSingleLeafToSelf

  let strategy = STRATEGY_ALIASES[o.shardSplitStrategy] ?? o.shardSplitStrategy
  let threshold = o.shardSplitThresholdBytes
  if (strategy === 'disabled' || threshold === 0) {
    strategy = 'links-bytes'
    threshold = Number.MAX_SAFE_INTEGER
  } else {
    if (strategy !== 'links-bytes' && strategy !== 'block-bytes') {
      throw new Error(`shardSplitStrategy must be links-bytes, block-bytes or disabled, got ${o.shardSplitStrategy}`)
    }
    if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`shardSplitThresholdBytes must be a non-negative integer, got ${threshold}`)
    const comparison = o.shardSplitComparison ?? 'gt'
    if (comparison === 'gte') threshold = threshold - 1
    else if (comparison !== 'gt') throw new Error(`shardSplitComparison must be gte or gt, got ${comparison}`)
  }

  return {
    cidVersion: o.cidVersion,
    rawLeaves: o.rawLeaves,
    leafType,
    reduceSingleLeafToSelf,
    chunker: fixedSize({ chunkSize: o.chunkSize }),
    layout,
    wrapWithDirectory: o.wrapWithDirectory ?? false,
    shardSplitThresholdBytes: threshold,
    shardSplitStrategy: strategy,
    shardFanoutBits: o.shardFanoutBits ?? 8,
    fieldOrder: 'links-first'
  }
}

export { importer }
