/**
 * Function servers for one test file: functions-framework's test server for a registered function (or any
 * server), listening on a free loopback port, all closed together in `afterAll`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';

export interface LoopbackServers {
  /** Listens on a free 127.0.0.1 port; resolves to `http://127.0.0.1:PORT` (no trailing slash). */
  listen(server: Server): Promise<string>;
  /** The registered function `name` served on its own port: `http://127.0.0.1:PORT/`. */
  urlOf(name: string): Promise<string>;
  closeAll(): void;
}

export function loopbackServers(): LoopbackServers {
  const servers: Server[] = [];
  const listen = async (server: Server): Promise<string> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  return {
    listen,
    urlOf: async (name) => `${await listen(getTestServer(name))}/`,
    closeAll: () => { for (const s of servers) s.close(); },
  };
}
