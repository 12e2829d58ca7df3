import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The dashboard: src/web built into dist/web, which `ledger-lens serve` serves. `npm run dev` proxies the API. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8080', '/report.html': 'http://127.0.0.1:8080' },
  },
});
