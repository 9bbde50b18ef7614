import { writeFile } from 'node:fs/promises';
import { printApiSchema } from './schema.js';

const target = new URL('../../../schema/schema.graphql', import.meta.url);
await writeFile(target, await printApiSchema());
console.log(`wrote ${target.pathname}`);
