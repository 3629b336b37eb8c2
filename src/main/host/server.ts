import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeskApp } from '../app';
import { readStatic } from './static-files';
import { MAX_IMPORT_BYTES } from '../../shared/schemas/data-io';

/**
 * The headless host: the same api as the Electron shell, over HTTP + SSE on 127.0.0.1, serving the
 * built renderer. It is how the whole app runs where the Electron binary cannot, and how e2e tests
 * drive it. Every request must carry the per-run token (cookie, header, or `?token=` once on the
 * first page load) and a Host header naming this server, which shuts out other local users' pages
 * and DNS-rebinding attacks.
 */

export interface HostOptions {
  app: DeskApp;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  /** The URL to open: carries the token once; the page then keeps it in an HttpOnly cookie. */
  url: string;
  origin: string;
  token: string;
  /** The app it serves now (a restart replaces it). */
  readonly app: DeskApp;
  /**
   * Issue 8, a restore: closes the app and serves the one `create` opens (which puts the restored
   * data in place first), on the same port with the same token. Calls that arrive meanwhile wait
   * for it; the page's event stream stays connected.
   */
  restart(create: () => Promise<DeskApp>): Promise<void>;
  close(): Promise<void>;
}

const COOKIE = 'desk_token';
/** The token as a request header, for clients that are not a browser page (tests, the PDF printer). */
export const TOKEN_HEADER = 'x-desk-token';
/**
 * The largest call: a file of the largest size the api takes (MAX_IMPORT_BYTES, a spreadsheet or an
 * e-mail to import) as base64, with room for the rest of the call.
 */
const MAX_BODY = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const sseClients = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();
  let app = opts.app;
  /** While the app is being replaced: calls wait for the new one. */
  let restarting: Promise<void> | null = null;
  const current = async (): Promise<DeskApp> => {
    while (restarting) await restarting;
    return app;
  };

  const tokenMatches = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  const cookieToken = (req: IncomingMessage): string | undefined => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === COOKIE) return v.join('=');
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('host: request failed', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain; charset=utf-8', 'unknown host');
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const origin = req.headers.origin;
    if (origin && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'foreign origin');
    }

    // First load: `?token=` in the URL becomes a cookie and the token leaves the address bar.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokenMatches(queryToken)) return send(res, 401, 'text/plain; charset=utf-8', 'wrong token');
      url.searchParams.delete('token');
      res.writeHead(303, {
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + (url.search || '') + url.hash,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (!tokenMatches(cookieToken(req)) && !tokenMatches(req.headers[TOKEN_HEADER] as string | undefined)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'open the URL the host printed (it carries the token)');
    }

    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'POST only');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'text/plain; charset=utf-8', 'JSON only');
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'request too large');
      let msg: { method?: unknown; input?: unknown };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        return sendJson(res, { ok: false, error: { code: 'VALIDATION', message: 'the request is not JSON' } });
      }
      return sendJson(res, await (await current()).dispatch(String(msg.method), msg.input));
    }
    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only');
    const att = /^\/attachments\/(\d+)$/.exec(url.pathname);
    if (att) {
      // The host's "system viewer" is the browser: the file through the api, shown inline where safe.
      const r = await (await current()).dispatch('attachments.content', { id: Number(att[1]) });
      if (!r.ok) return send(res, r.error.code === 'NOT_FOUND' ? 404 : 403, 'text/plain; charset=utf-8', r.error.message);
      const f = r.value as { name: string; mime: string; data: string };
      const inline = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/.test(f.mime);
      res.writeHead(200, {
        'content-type': inline ? f.mime : 'application/octet-stream',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      return void res.end(Buffer.from(f.data, 'base64'));
    }
    const file = await readStatic(opts.staticDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found (was the renderer built? npm run build:renderer)');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const fanOut = (event: string, payload: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const c of sseClients) c.write(frame);
  };
  let unsubscribe = app.subscribe(fanOut);

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    get app() {
      return app;
    },
    restart(create) {
      const run = (async () => {
        unsubscribe();
        await app.close();
        app = await create();
        unsubscribe = app.subscribe(fanOut);
      })();
      restarting = run.finally(() => {
        restarting = null;
      });
      return restarting;
    },
    close: async () => {
      unsubscribe();
      for (const c of sseClients) c.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        ok(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
