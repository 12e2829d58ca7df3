#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself; tsx's loader lets the CLI run straight from src/.
// zod is loaded before the loader is registered: its ~95 ES module files then load natively instead of each passing
// the loader's hooks (about 0.15–0.3 CPU s of every command's start on a loaded machine). The source's later imports
// of 'zod' resolve to the same, already loaded modules.
await import('zod');
const { register } = await import('tsx/esm/api');

register();
await import('../src/cli/main.ts');
