// Fails when the minified tracker is over its gzip budget. Usage: node tracker/check-size.mjs [file] [limit]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2] || new URL('./dist/liveinsight.min.js', import.meta.url).pathname;
const limit = +(process.argv[3] || 2048);
const raw = readFileSync(file);
const gz = gzipSync(raw, { level: 9 }).length;
console.log(`${file}: ${raw.length} bytes, ${gz} bytes gzipped (limit ${limit})`);
if (gz > limit) {
  console.error(`tracker too large: ${gz} > ${limit} bytes gzipped`);
  process.exit(1);
}
