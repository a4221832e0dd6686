import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/index.js';
import { closeMessage, connectionState, initialFacts, isCommitted, OFFLINE_AFTER_FAILURES, type ConnectionFacts } from './status.js';

describe('isCommitted', () => {
  it('is true when every local clock is covered, whatever else the server has', () => {
    expect(isCommitted(new Map([[1, 5], [2, 9]]), new Map([[1, 5]]))).toBe(true);
    expect(isCommitted(new Map(), new Map())).toBe(true);
  });
  it('is false when a local client is ahead or unknown to the server', () => {
    expect(isCommitted(new Map([[1, 4]]), new Map([[1, 5]]))).toBe(false);
    expect(isCommitted(new Map([[1, 5]]), new Map([[1, 5], [3, 1]]))).toBe(false);
  });
});

describe('connectionState', () => {
  const base = initialFacts(true);
  const with_ = (patch: Partial<ConnectionFacts>) => connectionState({ ...base, ...patch });

  it('walks connecting → connected → reconnecting', () => {
    expect(with_({}).kind).toBe('connecting');
    expect(with_({ socket: 'connected', synced: false }).kind).toBe('connecting');
    expect(with_({ socket: 'connected', synced: true, everSynced: true }).kind).toBe('connected');
    expect(with_({ socket: 'connecting', everSynced: true }).kind).toBe('reconnecting');
  });
  it('says offline when the browser is offline or the server keeps refusing', () => {
    expect(with_({ online: false, everSynced: true }).kind).toBe('offline');
    expect(with_({ failures: OFFLINE_AFTER_FAILURES }).kind).toBe('offline');
    expect(with_({ failures: OFFLINE_AFTER_FAILURES - 1 }).kind).toBe('connecting');
  });
  it('a fatal close wins over everything and explains itself', () => {
    const state = with_({ socket: 'connected', synced: true, stopped: { code: CloseCode.Forbidden, message: closeMessage(CloseCode.Forbidden, 'revoked') } });
    expect(state).toEqual({ kind: 'stopped', code: 4403, message: 'You no longer have access to this document. (revoked)' });
  });
});
