import { describe, expect, it } from 'vitest';
import { paperFor } from './paper';

describe('paperFor', () => {
  it('picks Letter where offices print on it and A4 elsewhere', () => {
    expect(paperFor('en-US')).toBe('letter');
    expect(paperFor('fr-CA')).toBe('letter');
    expect(paperFor('es-MX')).toBe('letter');
    expect(paperFor('en-GB')).toBe('a4');
    expect(paperFor('de')).toBe('a4');
    expect(paperFor('hi-IN')).toBe('a4');
  });

  it('falls back to A4 for a tag it cannot read', () => {
    expect(paperFor('not a tag!')).toBe('a4');
  });
});
