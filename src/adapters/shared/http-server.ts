import type { Server } from 'node:http';
import { errorName, type Logger } from '../../log/logger.ts';

/** Listen on `port`; a later server error is logged (`event`), never thrown out of the process. */
export function listen(server: Server, port: number, logger: Logger, event: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      server.on('error', (error) => logger.error(event, { error: errorName(error) }));
      resolve(server);
    });
  });
}

/** Stop accepting, close idle keep-alive connections, resolve once closed (at once without a server). */
export function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
