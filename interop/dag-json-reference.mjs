#!/usr/bin/env node
// Usage: node dag-json-reference.mjs encode|decode|cbor2json  (input on stdin)
// The DAG-JSON reference, @ipld/dag-json, for Cairn's codec tests.
//   encode: stdin is a dag-cbor list of values (read with @ipld/dag-cbor); prints, one line per
//           value, the hex of @ipld/dag-json's encoding of it.
//   decode: stdin is lines of hex dag-json; prints, per line, the hex of the @ipld/dag-cbor
//           encoding of what @ipld/dag-json decodes, or "error" when it refuses the input.
//   cbor2json: stdin is lines of hex dag-cbor; prints, per line, the hex of the @ipld/dag-json
//           encoding of what @ipld/dag-cbor decodes.
import * as dagCbor from '@ipld/dag-cbor'
import * as dagJson from '@ipld/dag-json'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const input = Buffer.concat(chunks)
const hex = bytes => Buffer.from(bytes).toString('hex')

const mode = process.argv[2]
if (mode === 'encode') {
  for (const value of dagCbor.decode(input)) process.stdout.write(hex(dagJson.encode(value)) + '\n')
} else if (mode === 'decode') {
  for (const line of input.toString('utf8').split('\n')) {
    if (line === '') continue
    try {
      process.stdout.write(hex(dagCbor.encode(dagJson.decode(Buffer.from(line, 'hex')))) + '\n')
    } catch (e) {
      process.stdout.write('error\n')
    }
  }
} else if (mode === 'cbor2json') {
  for (const line of input.toString('utf8').split('\n')) {
    if (line !== '') process.stdout.write(hex(dagJson.encode(dagCbor.decode(Buffer.from(line, 'hex')))) + '\n')
  }
} else {
  process.stderr.write('usage: dag-json-reference.mjs encode|decode|cbor2json\n')
  process.exit(2)
}
