import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { applySecurityHeaders } from './src/server/security.ts';

/**
 * `npm run dev` answers with the headers the server sends (src/server/security.ts): the page under its policy
 * (script-src 'self', no eval), the reshaping worker's script under its own. A page that breaks the policy breaks
 * here first, not after a build. The policy allows no inline script, so what Vite's plugins inject inline into the
 * dev page (React's refresh preamble) is served as a module of its own instead, by a URL.
 */
function securityHeaders(): Plugin {
  const inline: string[] = [];
  const PREFIX = 'virtual:ledger-lens-inline-';
  return {
    name: 'ledger-lens:security-headers',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        applySecurityHeaders(res, new URL(req.url ?? '/', 'http://localhost').pathname);
        next();
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">([\s\S]*?)<\/script>/g, (_tag, code: string) => {
          const n = inline.indexOf(code) >= 0 ? inline.indexOf(code) : inline.push(code) - 1;
          return `<script type="module" src="/@id/${PREFIX}${n}"></script>`;
        }),
    },
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
    load: (id) => (id.startsWith(`\0${PREFIX}`) ? inline[Number(id.slice(PREFIX.length + 1))] : undefined),
  };
}

/** The dashboard: src/web built into dist/web, which `ledger-lens serve` serves. `npm run dev` proxies the API. */
export default defineConfig({
  root: 'src/web',
  plugins: [securityHeaders(), react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:8080', '/report.html': 'http://127.0.0.1:8080' },
  },
});
