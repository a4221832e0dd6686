import { describe, expect, it } from 'vitest';
import { changedByText } from './changed-by';

const priya = { id: 'p', name: 'Priya Patel' };
const sam = { id: 's', name: 'Sam Lee' };
const ana = { id: 'a', name: 'Ana Alves' };
const kim = { id: 'k', name: 'Kim Ito' };

describe('changedByText', () => {
  it('names the people behind the last change, you first, and counts the rest', () => {
    expect(changedByText([], 'p')).toBe('');
    expect(changedByText([priya], undefined)).toBe('by Priya Patel');
    expect(changedByText([sam, priya], 'p')).toBe('by you and Sam Lee');
    expect(changedByText([priya, sam, ana], undefined)).toBe('by Priya Patel, Sam Lee and Ana Alves');
    expect(changedByText([priya, sam, ana, kim], undefined)).toBe('by Priya Patel, Sam Lee and 2 others');
  });
});
