// Builds the supervision dashboard into dashboard/dist (served by the function Dashboard under /dashboard):
// the app bundled with Chart.js by esbuild, and the API reference page with swagger-ui from npm. Nothing is
// fetched from a CDN at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const swagger = join(here, '..', 'node_modules', 'swagger-ui-dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'api-docs'), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js'), join(here, 'src', 'api-docs.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outdir: dist,
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) {
  cpSync(join(here, 'src', file), join(dist, file));
}
cpSync(join(here, 'src', 'api-docs.html'), join(dist, 'api-docs', 'index.html'));
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  cpSync(join(swagger, file), join(dist, 'api-docs', file));
}
