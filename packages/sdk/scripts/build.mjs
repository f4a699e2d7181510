#!/usr/bin/env node
/**
 * Builds the published package: `tsc` writes `dist/` (JavaScript, declarations, source maps), then
 * the wire types the SDK takes from `@ekollega/api/contract` (zod schemas' inferred types, so their
 * declarations import zod) are written out as plain TypeScript into `dist/contract.d.ts`, and the
 * declarations import them from there: a consumer with only `@ekollega/sdk` installed typechecks.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(here, 'dist');
const CONTRACT = '@ekollega/api/contract';

rmSync(dist, { recursive: true, force: true });
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: here,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);

// Formatted, because a consumer's editor opens this file on "go to definition".
const contract = join(dist, 'contract.d.ts');
const declarations = contractDeclarations(fileURLToPath(import.meta.resolve(CONTRACT)));
writeFileSync(
  contract,
  await prettier.format(declarations, { ...(await prettier.resolveConfig(contract)), parser: 'typescript' }),
);
for (const file of readdirSync(dist).filter((name) => name.endsWith('.d.ts'))) {
  const path = join(dist, file);
  writeFileSync(
    path,
    readFileSync(path, 'utf8')
      .replaceAll(`'${CONTRACT}'`, "'./contract.js'")
      .replaceAll(`"${CONTRACT}"`, '"./contract.js"'),
  );
}
const leaks = readdirSync(dist)
  .filter((name) => name.endsWith('.d.ts'))
  .filter((name) => /['"](zod|hono|@hono\/|@ekollega\/api)/.test(readFileSync(join(dist, name), 'utf8')));
if (leaks.length > 0) {
  console.error(`✖ dist declarations still reach outside the SDK: ${leaks.join(', ')}`);
  process.exit(1);
}

/**
 * Every type the contract exports, written out in full: an interface or generic alias as it is
 * written, any other alias as the type TypeScript infers for it.
 * @param {string} entry the contract's index.ts
 */
function contractDeclarations(entry) {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
  const flags = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.InTypeAlias;
  const printer = ts.createPrinter();
  const out = [`// The wire types of the eKollega API (${CONTRACT}), written out by scripts/build.mjs.`, ''];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration || !(symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface))) continue;
    if (declaration.getSourceFile().fileName.includes('node_modules')) continue;
    const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    if (docs) out.push(`/** ${docs.replaceAll('\n', '\n * ')} */`);
    const generic =
      (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) &&
      declaration.typeParameters;
    if (ts.isInterfaceDeclaration(declaration) || generic) {
      out.push(`export ${declaration.getText().replace(/^export\s+/, '')}`);
    } else {
      const node = checker.typeToTypeNode(checker.getDeclaredTypeOfSymbol(symbol), declaration, flags);
      if (!node) throw new Error(`cannot write out the type ${exported.name}`);
      const text = printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile());
      out.push(`export type ${exported.name} = ${text};`);
    }
    out.push('');
  }
  return out.join('\n');
}
