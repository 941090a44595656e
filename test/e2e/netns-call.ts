/**
 * A two-page call across a network namespace (test/e2e/netns.ts): A's Chromium on the host, B's
 * inside the namespace. The server listens on 0.0.0.0 (the harness checks /healthz on 127.0.0.1)
 * and mediasoup's ICE candidate is the veth's host address (LISTEN_IP), which both sides reach.
 */
import type { Browser, Page } from 'playwright-core';
import { closePages, launchBrowser, openPage, startServer, uniqueRoom, type RunningServer } from './harness.js';
import { createNetNs, type NetNs } from './netns.js';

export interface NetnsCall {
  ns: NetNs;
  server: RunningServer;
  /** On the host. */
  a: Page;
  /** In the namespace. */
  b: Page;
  /** Closes pages, browsers, the server and the namespace. Never throws. */
  stop(): Promise<void>;
}

export async function startNetnsCall(label: string, roomTag: string, env: Record<string, string> = {}): Promise<NetnsCall> {
  let ns: NetNs | undefined;
  let server: RunningServer | undefined;
  const browsers: Browser[] = [];
  const pages: Page[] = [];
  const stop = async () => {
    await closePages(...pages).catch(() => undefined);
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await ns?.destroy().catch(() => undefined);
  };
  try {
    ns = await createNetNs(label);
    server = await startServer({ HOST: '0.0.0.0', LISTEN_IP: ns.hostIp, ...env });
    const nsOrigin = `http://${ns.hostIp}:${server.port}`;
    const hostBrowser = await launchBrowser();
    browsers.push(hostBrowser);
    // getUserMedia needs a secure context; a page from 10.200.N.1 is not one unless told so.
    const nsBrowser = await ns.launchBrowser([`--unsafely-treat-insecure-origin-as-secure=${nsOrigin}`]);
    browsers.push(nsBrowser);
    const room = uniqueRoom(roomTag);
    const a = await openPage(hostBrowser, `${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
    pages.push(a);
    const b = await openPage(nsBrowser, `${nsOrigin}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
    pages.push(b);
    return { ns, server, a, b, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
