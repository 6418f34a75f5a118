/**
 * A TCP relay in front of the IMAP server that can cut every connection after
 * the server has sent a given number of bytes: "the server drops the
 * connection in the middle of a sync", at a point the test chooses.
 */
import net from 'node:net';

export interface CuttingProxy {
  readonly port: number;
  /** Cut all connections once this many more bytes have come from the server (once). */
  cutAfter(bytes: number): void;
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  let budget: number | null = null;
  let cuts = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (budget !== null) {
        budget -= d.length;
        if (budget <= 0) {
          budget = null;
          cuts++;
          for (const s of sockets) s.destroy();
          sockets.clear();
          return;
        }
      }
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cutAfter: (bytes) => {
      budget = bytes;
    },
    get cuts() {
      return cuts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
