import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.ts';
import { createApp, type AppOptions } from './app.ts';
import { checkExposure } from './security.ts';

export interface ServerOptions extends AppOptions {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting, ends open connections, cancels and waits out running database work, then resolves; the database stays open (its owner closes it). */
  close(): Promise<void>;
  /** Resolves once the background task storing the offered periods' audits has ended. */
  auditsStored(): Promise<void>;
  /** Resolves once the server's start-up work (connections, the default view and trend) has ended. */
  warmed(): Promise<void>;
}

/** Starts the HTTP server; refuses a network-facing host without a token (checkExposure). */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!opts.users) checkExposure(opts.host, opts.token);
  const app = createApp(opts);
  const server = createServer(app);
  // Slow or idle clients must not pin the one database connection's server forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new UserError('port_in_use', `--port ${opts.port}: the port is already in use on ${opts.host}`, {
            hint: 'Stop the other server or choose another port (--port 0 picks a free one).',
          }),
        );
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
        reject(
          new UserError('bad_host', `--host ${opts.host}: this machine has no such address`, {
            hint: "Use 127.0.0.1 (default), ::1, or one of this machine's addresses.",
          }),
        );
      else reject(e);
    });
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    server,
    port,
    url: `http://${host}:${port}/`,
    auditsStored: app.auditsStored,
    warmed: app.warmed,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.drain();
    },
  };
}
