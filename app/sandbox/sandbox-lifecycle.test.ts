import { Agent, get } from 'node:http';
import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { generateSandboxJwks, startSandbox } from './sandbox-provider.js';

function portOf(issuer: string): number {
  return Number(new URL(issuer).port);
}

/** Resolves true when something else can bind the port, proving the sandbox let it go. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

test('close() frees the port at once, even with a keep-alive connection open', async () => {
  const sandbox = await startSandbox();
  const port = portOf(sandbox.issuer);
  const agent = new Agent({ keepAlive: true });
  try {
    // Leave an idle keep-alive socket behind, as browsers and fetch do.
    await new Promise<void>((resolve, reject) => {
      get(`${sandbox.issuer}/.well-known/openid-configuration`, { agent }, (response) => {
        response.resume();
        response.on('end', resolve);
      }).on('error', reject);
    });
    expect(await canBind(port)).toBe(false);

    const closeStartedAt = Date.now();
    await sandbox.close();

    expect(Date.now() - closeStartedAt).toBeLessThan(1_000);
    expect(await canBind(port)).toBe(true);
  } finally {
    agent.destroy();
  }
});

test('close() can be called twice and the sandbox then refuses connections', async () => {
  const sandbox = await startSandbox();
  await Promise.all([sandbox.close(), sandbox.close()]);
  await expect(sandbox.close()).resolves.toBeUndefined();
  await expect(fetch(`${sandbox.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
});

test('a fixed port is used when asked for, and reusable after close', async () => {
  const jwks = await generateSandboxJwks();
  const first = await startSandbox({ jwks });
  const port = portOf(first.issuer);
  await first.close();

  const second = await startSandbox({ jwks, port });
  try {
    expect(second.issuer).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${second.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  } finally {
    await second.close();
  }
});

test('a port that is taken makes startSandbox fail instead of hanging, saying whose port it is and what to do', async () => {
  const sandbox = await startSandbox();
  const port = portOf(sandbox.issuer);
  try {
    const failure = startSandbox({ port });
    await expect(failure).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The browser host prints this after "RPA Supervisor could not start:"; its own port is another one.
    await expect(failure).rejects.toThrow(`The Local sandbox cannot use port ${port} on 127.0.0.1: another program is using it. Close that program, or choose another port for the sandbox (or none, and it takes a free one).`);
  } finally {
    await sandbox.close();
  }
});

test('two sandboxes in one process keep their data apart', async () => {
  const jwks = await generateSandboxJwks();
  const [a, b] = await Promise.all([startSandbox({ jwks }), startSandbox({ jwks })]);
  try {
    expect(a.issuer).not.toBe(b.issuer);
    // An authorization request started on one provider is unknown to the other.
    const authorize = new URL(`${a.issuer}/auth`);
    authorize.search = new URLSearchParams({ client_id: a.clientId, response_type: 'code', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid api', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).toString();
    const toLogin = await fetch(authorize, { redirect: 'manual' });
    const loginPath = new URL(toLogin.headers.get('location') as string, a.issuer).pathname;
    const cookie = toLogin.headers.getSetCookie().map((value) => value.split(';', 1)[0]).join('; ');
    expect((await fetch(`${a.issuer}${loginPath}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${b.issuer}${loginPath}`, { headers: { cookie } })).status).toBe(400);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
