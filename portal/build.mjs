// Builds the public portal (信用北京 query) into portal/dist, served by the function Portal under /portal: one
// bundled script, the page and its styles. Nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outdir: dist,
  logLevel: 'warning',
});
for (const file of ['index.html', 'data.html', 'styles.css']) {
  cpSync(join(here, 'src', file), join(dist, file));
}
