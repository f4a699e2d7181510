// The analyzer lists modules in the order the file system returns them, which differs between
// machines; sorted by path, the committed manifest compares equal to a fresh build anywhere.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../custom-elements.json', import.meta.url);
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
