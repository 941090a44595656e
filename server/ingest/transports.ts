/**
 * The plain (RTP over UDP) transports of one participant, for bots and other server-side
 * senders (docs/bots.md). Created with comedia (mediasoup learns the sender's address from its
 * first packet) and rtcpMux (RTP and RTCP on one port), so one UDP socket can send every stream
 * of a participant, and the sender reports that simulcast layer switching needs arrive.
 * Send-only: nothing is ever consumed over them.
 */
import type { types as ms } from 'mediasoup';
import type { IngestStats, PlainTransportInfo } from '../../src/protocol/protocol.js';
import { ProtocolError } from '../protocol-schema.js';

export const MAX_PLAIN_TRANSPORTS_PER_PARTICIPANT = 2;

export class IngestTransports {
  private readonly transports = new Map<string, ms.PlainTransport>();
  private closed = false;

  constructor(
    private readonly router: ms.Router,
    private readonly listenIp: ms.TransportListenIp,
    private readonly userId: string,
  ) {}

  async create(): Promise<PlainTransportInfo> {
    if (this.transports.size >= MAX_PLAIN_TRANSPORTS_PER_PARTICIPANT) {
      throw new ProtocolError('invalid-params', `at most ${MAX_PLAIN_TRANSPORTS_PER_PARTICIPANT} plain transports per participant`);
    }
    const transport = await this.router.createPlainTransport({
      listenIp: this.listenIp,
      rtcpMux: true,
      comedia: true,
      appData: { direction: 'send', userId: this.userId, plain: true },
    });
    if (this.closed) {
      transport.close();
      throw new ProtocolError('not-joined', 'this session has ended');
    }
    this.transports.set(transport.id, transport);
    transport.observer.on('close', () => this.transports.delete(transport.id));
    const { localIp, localPort } = transport.tuple;
    return { transportId: transport.id, ip: this.listenIp.announcedIp ?? localIp, port: localPort };
  }

  /** The plain transport with this id, if it is one of this participant's. */
  get(transportId: string): ms.PlainTransport | undefined {
    return this.transports.get(transportId);
  }

  /** Per-producer RTP counters as mediasoup sees them (one entry per received stream/SSRC). */
  async stats(producers: Iterable<ms.Producer>): Promise<IngestStats> {
    const out: IngestStats = { producers: [] };
    for (const producer of producers) {
      const transportId = (producer.appData as { ingestTransportId?: string }).ingestTransportId;
      if (!transportId || !this.transports.has(transportId)) continue;
      const stats = await producer.getStats();
      out.producers.push({
        producerId: producer.id,
        kind: producer.kind,
        score: producer.score.map((s) => ({ ssrc: s.ssrc, score: s.score })),
        streams: stats.map((s) => ({ ssrc: s.ssrc, packetCount: s.packetCount, byteCount: s.byteCount, bitrate: s.bitrate })),
      });
    }
    return out;
  }

  close(): void {
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
