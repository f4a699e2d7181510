#!/usr/bin/env node
/**
 * Builds the published package: `tsc` writes `dist/` (JavaScript, declarations, source maps), and
 * the migrations, which the store reads at run time next to `store/migrate.js`, are copied beside it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(join(here, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: here,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync(join(here, 'src/store/migrations'), join(here, 'dist/store/migrations'), { recursive: true });

// `bin` points at dist/cli.js, so it needs its interpreter line; the map's mappings move one line down.
const cli = join(here, 'dist/cli.js');
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
const map = JSON.parse(readFileSync(`${cli}.map`, 'utf8'));
writeFileSync(`${cli}.map`, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));
