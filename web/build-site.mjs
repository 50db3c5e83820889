// The one build of the product's static sites (dashboard/, portal/): the site's entry scripts bundled and minified by
// esbuild into {site}/dist with their npm dependencies, and its pages and styles copied beside them. Nothing is
// fetched from a CDN at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Empties {site}/dist, bundles src/{entries} into it and copies src/{files}; returns the dist folder. */
export async function buildSite(site, entries, files) {
  const dist = join(site, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: entries.map((entry) => join(site, 'src', entry)),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: dist,
    logLevel: 'warning',
  });
  for (const file of files) {
    cpSync(join(site, 'src', file), join(dist, file));
  }
  return dist;
}
