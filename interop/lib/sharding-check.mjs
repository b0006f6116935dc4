// Guards the one place where ipfs-unixfs-importer is known not to follow Kubo: deciding whether a
// directory becomes a HAMT. The importer decides as each *file* is added and counts a subdirectory
// it has not flushed yet as 0 bytes; Kubo (boxo's MFS-backed adder) counts every link. So a
// directory whose size comes partly from subdirectories can be sharded by Kubo and left flat here.
//
// After an import we recompute Kubo's decision for every directory from its final children (the
// estimate only grows while adding, so the final size decides) and refuse to answer when the two
// disagree: a loud "cannot reproduce" beats a silently wrong reference CID.

const DIR_DATA_BYTES = 4 // PBNode.Data = UnixFS { Type: Directory }: 0x0a 0x02 0x08 0x01

export function checkShardingDecisions (entries, options) {
  const children = new Map()
  for (const e of entries) {
    if (e.path === '') continue
    const slash = e.path.lastIndexOf('/')
    const parent = slash < 0 ? '' : e.path.slice(0, slash)
    const name = slash < 0 ? e.path : e.path.slice(slash + 1)
    if (!children.has(parent)) children.set(parent, [])
    children.get(parent).push({ name, entry: e })
  }
  for (const dir of entries) {
    if (dir.type !== 'directory' && dir.type !== 'hamt-sharded-directory') continue
    const estimate = kuboEstimate(children.get(dir.path) ?? [], options.shardSplitStrategy)
    const kuboShards = estimate > options.shardSplitThresholdBytes
    const jsSharded = dir.type === 'hamt-sharded-directory'
    if (kuboShards !== jsSharded) {
      throw new Error(`directory "${dir.path}": Kubo would ${kuboShards ? '' : 'not '}shard it ` +
        `(${options.shardSplitStrategy} estimate ${estimate}) but ipfs-unixfs-importer did ` +
        `${jsSharded ? '' : 'not'}; the reference cannot reproduce this case (subdirectory links?)`)
    }
  }
}

function kuboEstimate (links, strategy) {
  let size = strategy === 'block-bytes' ? DIR_DATA_BYTES : 0
  for (const { name, entry } of links) {
    const nameBytes = Buffer.byteLength(name, 'utf8')
    const cidBytes = entry.cid.bytes.length
    if (strategy === 'links-bytes') {
      size += nameBytes + cidBytes
    } else {
      // PBLink { Hash = 1, Name = 2, Tsize = 3 } wrapped as PBNode field 2.
      const inner = 1 + varintLength(cidBytes) + cidBytes + 1 + varintLength(nameBytes) + nameBytes +
        1 + varintLength(Number(entry.size))
      size += 1 + varintLength(inner) + inner
    }
  }
  return size
}

function varintLength (n) {
  let length = 1
  while (n >= 128) {
    n = Math.floor(n / 128)
    length++
  }
  return length
}
