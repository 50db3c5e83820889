// Builds the public portal (信用北京 query) into portal/dist, served by the function Portal under /portal: one
// bundled script, the pages and their styles.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../web/build-site.mjs';

await buildSite(dirname(fileURLToPath(import.meta.url)), ['main.js'], ['index.html', 'data.html', 'styles.css']);
