// The processes of `npm run bench -- lgsp` (bench/lgsp.ts), each on a free loopback port, each
// printing one JSON line `{ "url": … }` once it listens:
//   echo <port>                    the provider: answers every request with its body (or 1 KB for a GET)
//   proxy <port> <upstream>        a bare Node reverse proxy (undici Pool, no checks): the practical limit of a Node data plane
//   gateway <port> <provider-url>  Sen on a fresh PostgreSQL database, a provider service granted to a consumer subsystem;
//                                  also prints the consumer's gateway token, X-Road-Client and the service path
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [role, portText, target] = process.argv.slice(2);
const port = Number(portText);
const ready = (extra: Record<string, string> = {}) => console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, ...extra }));
const KB = Buffer.alloc(1024, 'x');

if (role === 'echo') {
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 0 ? KB : Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    });
  }).listen(port, '127.0.0.1', () => ready());
} else if (role === 'proxy') {
  const upstream = new Pool(target!, { connections: 64, pipelining: 1 });
  createServer((req, res) => {
    upstream.request({ method: req.method as 'GET', path: req.url!, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? null : req })
      .then(({ statusCode, headers, body }) => {
        res.writeHead(statusCode, headers as Record<string, string>);
        body.pipe(res);
      }, () => res.writeHead(502).end());
  }).listen(port, '127.0.0.1', () => ready());
} else if (role === 'gateway') {
  const { startBenchGateway } = await import('./lgsp-gateway.ts');
  // Quotas are counted as in production, with limits this load never reaches.
  ready(await startBenchGateway(port, target!, { LGSP_CONSUMER_LIMIT: '1000000000', LGSP_SERVICE_LIMIT: '1000000000', SEN_MASTER_KEY: process.env.SEN_MASTER_KEY! }));
} else {
  console.error('usage: lgsp-child.ts echo|proxy|gateway <port> [target]');
  process.exit(64);
}
