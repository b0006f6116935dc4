// Turns a file or directory on disk into ipfs-unixfs-importer candidates, the way `ipfs add -r` sees it.
//
// Paths are relative to the parent of the given path, so `/x/foo` yields `foo`, `foo/a.txt`, ... as
// Kubo prints them. Every entry is included (hidden files too: the caller decides which names exist).
// Only *empty* directories become explicit directory candidates: the importer creates non-empty ones
// from their contents, and an explicit candidate arriving after its contents would replace them.
// Symlinks are added as UnixFS symlinks (Kubo does the same), never followed.
import fs from 'node:fs'
import path from 'node:path'

const SMALL_FILE = 1 << 20

export function * candidates (absPath) {
  yield * visit(absPath, path.basename(absPath))
}

function * visit (abs, rel) {
  const stat = fs.lstatSync(abs)
  if (stat.isSymbolicLink()) {
    yield { path: rel, link: fs.readlinkSync(abs) }
  } else if (stat.isDirectory()) {
    // Byte order of UTF-8 names, as dag-pb sorts links; the importer sorts anyway, this keeps output stable.
    const names = fs.readdirSync(abs).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    if (names.length === 0) {
      yield { path: rel }
      return
    }
    for (const name of names) yield * visit(path.join(abs, name), `${rel}/${name}`)
  } else if (stat.isFile()) {
    // Small files in one read: a stream per file costs more than the import for thousands of them.
    const content = stat.size <= SMALL_FILE ? fs.readFileSync(abs) : fs.createReadStream(abs, { highWaterMark: 1 << 20 })
    yield { path: rel, content }
  } else {
    throw new Error(`not a file, directory or symlink: ${abs}`)
  }
}
