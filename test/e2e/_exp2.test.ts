import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createNetNs } from './netns.js';
import { eventually, launchBrowser, openPage, sessionFramesOf, startServer, uniqueRoom } from './harness.js';
const RATE = Number(process.env.RATE ?? 200);
const DIR = (process.env.DIR ?? 'downlink') as 'downlink' | 'uplink';
test('exp', { timeout: 400_000 }, async () => {
  const ns = await createNetNs();
  const server = await startServer({ HOST: '0.0.0.0', LISTEN_IP: ns.hostIp });
  const bA = await launchBrowser();
  const bB = await ns.launchBrowser([`--unsafely-treat-insecure-origin-as-secure=http://${ns.hostIp}:${server.port}`]);
  const dump = (p: Page, other: string) => p.evaluate((o) => new Promise((resolve) => {
    const session = (window as any).session; const s = session.state.getSnapshot();
    const off = session.watchStats(1000, (sample: any) => { off();
      const u = sample.users.find((x: any) => x.userId === o); const me = sample.users.find((x: any) => x.local);
      const inb = u ? [...u.stats.values()].filter((e: any) => e.type === 'inbound-rtp' && e.kind === 'video').map((e: any) => `lost=${e.packetsLost} rcv=${e.packetsReceived} jit=${e.jitter} ${e.frameWidth}x${e.frameHeight}`).join(';') : '';
      const rin = me ? [...me.stats.values()].filter((e: any) => e.type === 'remote-inbound-rtp').map((e: any) => `fl=${e.fractionLost} rtt=${e.roundTripTime}`).join(';') : '';
      const pair = u ? [...u.stats.values()].find((e: any) => e.type === 'candidate-pair' && e.nominated) : null;
      resolve(JSON.stringify({ self: s.self.network, other: s.publishers[o]?.network, q: s.publishers[o]?.quality && { s: s.publishers[o].quality.score, ps: s.publishers[o].quality.producerScore, l: s.publishers[o].quality.currentLayer ?? s.publishers[o].quality.current }, inb, rin, rtt: pair?.currentRoundTripTime, aib: pair?.availableIncomingBitrate }));
    });
  }), other);
  try {
    const room = uniqueRoom('x');
    const a = await openPage(bA, `${server.url}/session.html?room=${room}&user=a&name=A&autoJoin=1`);
    const b = await openPage(bB, `http://${ns.hostIp}:${server.port}/session.html?room=${room}&user=b&name=B&autoJoin=1`);
    await eventually(async () => (await sessionFramesOf(a, 'b')) > 10 && (await sessionFramesOf(b, 'a')) > 10, 'video', 60000);
    const t0 = Date.now();
    for (let i = 0; i < 45; i++) {
      if (i === 5) { await ns.setRate(DIR, RATE); console.log('LIMIT', DIR, RATE); }
      if (i === 32) { await ns.clear(); console.log('CLEAR'); }
      console.log(((Date.now()-t0)/1000).toFixed(0), 'B:', await dump(b, 'a'));
      console.log(((Date.now()-t0)/1000).toFixed(0), 'A:', await dump(a, 'b'));
      await new Promise(r => setTimeout(r, 1000));
    }
    console.log(await ns.qdiscStats(DIR));
  } finally { await bA.close(); await bB.close(); await server.stop(); await ns.destroy(); }
});
