import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/db/database.ts';
import { DECLARATIONS_FILE, declarationsSource } from '../src/db/query-declarations-source.ts';

// Writes the query files' TypeScript types from their headers, in the house format.
const file = join(PROJECT_ROOT, DECLARATIONS_FILE);
writeFileSync(file, declarationsSource(join(PROJECT_ROOT, 'queries')));
execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', file], { stdio: 'inherit' });
console.log(`wrote ${DECLARATIONS_FILE}`);
