import { spawnSync } from 'node:child_process';

/**
 * How to call pnpm from a script. Under `npx pnpm@10 …` pnpm is not on PATH, but npm_execpath
 * names the pnpm that runs us; README promises nothing more than Node and npm.
 */
export const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, process.env.npm_execpath]
  : ['pnpm'];

/** Runs `pnpm …args` in `cwd` with the output shown; true when it succeeded. */
export function runPnpm(args, cwd, env = process.env) {
  return spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd, env, stdio: 'inherit' }).status === 0;
}
