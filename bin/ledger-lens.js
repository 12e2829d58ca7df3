#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself; tsx's loader lets the CLI run straight from src/.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
