/**
 * Drives fuzz frames into a live server over real sockets. Each lane owns one document and sends one
 * frame at a time, followed by a query-awareness probe: the probe's answer says the frame was handled
 * and the socket survived; a close says the frame was refused, and its code must be a documented one.
 * Sockets are rotated every few hundred frames so the per-connection rate limit does not refuse
 * frames before the decoder has seen them (a 4429 close re-sends the frame on a fresh socket).
 */
import { WebSocket } from 'ws';
import { CloseCode, MessageType, writeQueryAwareness } from '../../shared/protocol/index.js';

/** Close codes a refused frame may produce. Anything else (1006: a crash, 1011: an internal error) is a failure. */
export const ALLOWED_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.Malformed, CloseCode.TooLarge, CloseCode.RateLimited]);

export interface FuzzResult {
  /** Frames the server handled (answered, or refused with a documented close). */
  processed: number;
  /** Frames after which the socket stayed open. */
  accepted: number;
  /** Close codes seen, by code. */
  closes: Record<string, number>;
  /** Frames followed by an undocumented close (with the frame, or the one just before it, in hex). */
  failures: Array<{ code: number; frameHex: string }>;
}

const FRAMES_PER_SOCKET = 250;
const PROBE = writeQueryAwareness();

interface Lane {
  ws: WebSocket;
  awarenessFrames: number;
  closed: { code: number } | null;
  onChange: (() => void) | null;
}

async function openLane(wsUrl: string): Promise<Lane> {
  const ws = new WebSocket(wsUrl);
  ws.binaryType = 'arraybuffer';
  const lane: Lane = { ws, awarenessFrames: 0, closed: null, onChange: null };
  ws.on('message', (data: ArrayBuffer) => {
    if (new Uint8Array(data)[0] === MessageType.Awareness) lane.awarenessFrames += 1;
    lane.onChange?.();
  });
  ws.on('close', (code) => {
    lane.closed = { code };
    lane.onChange?.();
  });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return lane;
}

/** Sends `frame` then the probe; resolves with null when the probe was answered, else the close code. */
function sendAndProbe(lane: Lane, frame: Uint8Array, expected: number): Promise<number | null> {
  return new Promise((resolve) => {
    const check = () => {
      if (lane.closed) resolve(lane.closed.code);
      else if (lane.awarenessFrames >= expected) resolve(null);
      else return;
      lane.onChange = null;
    };
    lane.onChange = check;
    lane.ws.send(frame);
    lane.ws.send(PROBE);
    check();
  });
}

async function runLane(wsUrl: string, frames: readonly Uint8Array[], result: FuzzResult): Promise<void> {
  let lane: Lane | null = null;
  let onSocket = 0;
  let expected = 0;
  let retries = 0;
  for (let i = 0; i < frames.length; ) {
    if (!lane || lane.closed || onSocket >= FRAMES_PER_SOCKET) {
      lane?.ws.terminate();
      lane = await openLane(wsUrl);
      // The greeting may include everyone's presence: count from whatever has arrived.
      onSocket = 0;
      expected = lane.awarenessFrames;
    }
    const frame = frames[i]!;
    const bareQuery = frame.length === 1 && frame[0] === MessageType.QueryAwareness;
    expected += bareQuery ? 2 : 1;
    const code = await sendAndProbe(lane, frame, expected);
    onSocket += 1;
    if (code === CloseCode.RateLimited && retries < 3) {
      retries += 1;
      continue;
    }
    retries = 0;
    i += 1;
    result.processed += 1;
    if (code === null) {
      result.accepted += 1;
      continue;
    }
    result.closes[code] = (result.closes[code] ?? 0) + 1;
    if (!ALLOWED_CLOSE_CODES.has(code)) result.failures.push({ code, frameHex: Buffer.from(frame).toString('hex') });
  }
  lane?.ws.terminate();
}

/** Spreads `frames` over `docIds.length` lanes (one document each) and runs them concurrently. */
export async function fuzz(baseUrl: string, docIds: readonly string[], frames: readonly Uint8Array[]): Promise<FuzzResult> {
  const result: FuzzResult = { processed: 0, accepted: 0, closes: {}, failures: [] };
  const wsBase = `${baseUrl.replace(/^http/, 'ws')}/collab/`;
  await Promise.all(
    docIds.map((docId, lane) =>
      runLane(
        wsBase + docId,
        frames.filter((_, i) => i % docIds.length === lane),
        result,
      ),
    ),
  );
  return result;
}
