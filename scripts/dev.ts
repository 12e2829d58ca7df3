// `npm run dev`: the API server on 127.0.0.1:8080 over the sample database, and Vite with hot reload on :5173,
// which proxies /api and /report.html to it (vite.config.ts). Stop both with Ctrl-C.
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const api = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--sample', '--port', '8080'], {
  stdio: 'inherit',
});
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
vite.printUrls();
const stop = async () => {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
