/**
 * Frame building and parsing for the two wire protocols the targets speak: y-websocket (Confer,
 * y-websocket-server, the raw ceiling) and Hocuspocus (every frame prefixed with the document name,
 * an Auth frame before anything else). Light clients use only this: no Y.Doc.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Which framing a target speaks. */
export type Protocol = 'yws' | 'hocuspocus';

/** What a light client needs to know about an incoming frame. */
export type Incoming =
  | { kind: 'step1' }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'other' };

const SYNC = 0;
const AUTH = 2;
const HP_SYNC_REPLY = 4;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const EMPTY_SV = Uint8Array.of(0);
const EMPTY_UPDATE = Uint8Array.of(0, 0);

/** Encodes frames for one document on one protocol. */
export class Codec {
  constructor(
    readonly protocol: Protocol,
    readonly docId: string,
  ) {}

  /** WebSocket URL for the document on a server at `port`. */
  url(port: number, path: string): string {
    return `ws://127.0.0.1:${port}${path}${this.protocol === 'hocuspocus' ? '' : this.docId}`;
  }

  private frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.protocol === 'hocuspocus') encoding.writeVarString(e, this.docId);
    encoding.writeVarUint(e, type);
    write(e);
    return encoding.toUint8Array(e);
  }

  /** What a fresh client sends on open: (Hocuspocus: an empty token, then) sync step1 with `stateVector`. */
  hello(stateVector: Uint8Array = EMPTY_SV): Uint8Array[] {
    const step1 = this.frame(SYNC, (e) => {
      encoding.writeVarUint(e, STEP1);
      encoding.writeVarUint8Array(e, stateVector);
    });
    if (this.protocol === 'yws') return [step1];
    const auth = this.frame(AUTH, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, '');
    });
    return [auth, step1];
  }

  /** The answer to the server's step1 (what the client has that the server lacks). */
  step2(update: Uint8Array = EMPTY_UPDATE): Uint8Array {
    return this.frame(this.protocol === 'hocuspocus' ? HP_SYNC_REPLY : SYNC, (e) => {
      encoding.writeVarUint(e, STEP2);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** An incremental update frame. */
  update(update: Uint8Array): Uint8Array {
    return this.frame(SYNC, (e) => {
      encoding.writeVarUint(e, UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** Reads the frame header; only sync frames are looked into. */
  parse(frame: Uint8Array): Incoming {
    const d = decoding.createDecoder(frame);
    if (this.protocol === 'hocuspocus') decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type !== SYNC && type !== HP_SYNC_REPLY) return { kind: 'other' };
    const step = decoding.readVarUint(d);
    if (step === STEP1) return { kind: 'step1' };
    const update = decoding.readVarUint8Array(d);
    return step === STEP2 ? { kind: 'step2', update } : { kind: 'update', update };
  }
}
