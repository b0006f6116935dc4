// Re-export so scripts outside interop/ (bench/) resolve blockstore-fs from interop/node_modules.
export { FsBlockstore } from 'blockstore-fs'
