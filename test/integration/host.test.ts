import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import { startHost, type Host } from '../../src/main/host/server';

/** The headless host refuses strangers: no token, a foreign Host header or Origin, a path out of its folder. */

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(host: Host, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, host.origin);
  return new Promise((ok, fail) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

describe('headless host', () => {
  let dir: string;
  let app: DeskApp;
  let host: Host;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-host-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    app = await createDeskApp({ dataDir: join(dir, 'data'), version: 'test' });
    host = await startHost({ app, staticDir: web });
  });
  afterEach(async () => {
    await host.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const json = (token: string, body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': token },
    body: JSON.stringify(body),
  });

  it('listens on 127.0.0.1 and answers api calls that carry the token', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(host, '/api/call', json(host.token, { method: 'session.current', input: {} }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await call(host, '/api/call', json('wrong', { method: 'session.current', input: {} }))).status).toBe(401);
    expect((await call(host, '/')).status).toBe(401);
    expect((await call(host, '/?token=wrong')).status).toBe(401);
  });

  it('turns the token in the URL into an HttpOnly cookie and takes it out of the address', async () => {
    const r = await call(host, `/?token=${host.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await call(host, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>desk</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const h = { 'x-desk-token': host.token };
    expect((await call(host, '/', { headers: { ...h, host: 'evil.example' } })).status).toBe(421);
    const r = await call(host, '/api/call', {
      ...json(host.token, { method: 'session.current', input: {} }),
      headers: { 'content-type': 'application/json', 'x-desk-token': host.token, origin: 'http://evil.example' },
    });
    expect(r.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const h = { headers: { 'x-desk-token': host.token } };
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await call(host, p, h);
      expect(r.body).not.toContain('not for the browser');
    }
    expect((await call(host, '/assets/app.js', h)).headers['content-type']).toContain('javascript');
  });

  it('answers bad bodies and unknown methods with typed errors', async () => {
    const bad = await call(host, '/api/call', { ...json(host.token, {}), body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await call(host, '/api/call', json(host.token, { method: 'complaints.drop', input: {} }));
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('pushes events to the page over server-sent events after a change commits', async () => {
    const url = new URL('/api/events', host.origin);
    const received = new Promise<string>((ok, fail) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'x-desk-token': host.token } }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes('event: complaints.changed')) {
            ok(buf);
            req.destroy();
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : fail(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const created = await app.dispatch('complaints.create', {
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      channel: 'phone',
      newCustomer: { name: '苏州恒达机械有限公司' },
      productModel: 'SA-37A',
      description: '设备无法启动',
      defectCategory: 'electrical',
      severity: 'normal',
    });
    expect(created.ok).toBe(true);
    const frame = await received;
    expect(frame).toMatch(/event: complaints\.changed\ndata: \{"ids":\[\d+\]\}/);
  });
});
