// npm run bench:first-load-js – the JavaScript a browser loads first for each page, from `next build`'s own
// route statistics (.next/diagnostics/route-bundle-stats.json), uncompressed and gzipped.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const stats = JSON.parse(readFileSync('.next/diagnostics/route-bundle-stats.json', 'utf8'))
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10)

console.log('route                 first-load JS    gzipped')
for (const route of stats.filter((entry) => !entry.route.startsWith('/_')).sort((a, b) => a.route.localeCompare(b.route))) {
  const gzipped = route.firstLoadChunkPaths.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0)
  console.log(`${route.route.padEnd(20)} ${kib(route.firstLoadUncompressedJsBytes)} ${kib(gzipped)}`)
}
