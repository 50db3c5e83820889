// Builds the supervision dashboard into dashboard/dist (served by the function Dashboard under /dashboard):
// the app bundled with Chart.js, and the API reference page with swagger-ui from npm.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../web/build-site.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const swagger = join(here, '..', 'node_modules', 'swagger-ui-dist');

const dist = await buildSite(here, ['main.js', 'api-docs.js'], ['index.html', 'styles.css']);
mkdirSync(join(dist, 'api-docs'), { recursive: true });
cpSync(join(here, 'src', 'api-docs.html'), join(dist, 'api-docs', 'index.html'));
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  cpSync(join(swagger, file), join(dist, 'api-docs', file));
}
