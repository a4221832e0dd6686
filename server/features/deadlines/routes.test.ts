/**
 * Deadline routes in-process: owners and editors set one, everyone in the group reads it; it keeps the
 * zone it was set in; it is listed for the group and exported as iCalendar, once per document and as
 * a secret per-person feed that calendar apps fetch without a session.
 */
import { describe, expect, it } from 'vitest';
import type { DeadlineView, WorkspaceDeadlinesView } from '../../../shared/api/deadlines.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';

const ctx = useInProcessTeam();

describe('deadline routes', () => {
  it('is set by the owner, read by a viewer, refused to a commenter and hidden from outsiders', async () => {
    const url = `/api/documents/${ctx.team.docId}/deadline`;
    const at = Date.UTC(2027, 2, 1, 16, 0);
    expect((await ctx.team.owner.request('PUT', url, { at })).status).toBe(200);
    expect((await ctx.team.viewer.get(url)).body).toMatchObject({ deadline: { documentId: ctx.team.docId, at, setBy: { name: 'Olga Owner' } } });
    expect((await ctx.team.commenter.request('PUT', url, { at: null })).status).toBe(403);
    expect((await ctx.team.outsider.get(url)).status).toBe(404);
    expect((await ctx.team.owner.request('PUT', url, { at: 'tomorrow' })).status).toBe(400);
  });

  it('keeps the time zone it was set in: 17:00 Brussels time stays 17:00 in Brussels', async () => {
    const url = `/api/documents/${ctx.team.docId}/deadline`;
    const set = await ctx.team.owner.request('PUT', url, { local: '2027-03-01T17:00', timeZone: 'Europe/Brussels' });
    expect(set.status).toBe(200);
    const expected = { at: Date.UTC(2027, 2, 1, 16, 0), timeZone: 'Europe/Brussels', local: '2027-03-01T17:00' };
    expect((set.body as { deadline: DeadlineView }).deadline).toMatchObject(expected);
    expect(((await ctx.team.viewer.get(url)).body as { deadline: DeadlineView }).deadline).toMatchObject(expected);
    // In summer Brussels is UTC+2: the same wall time is another instant.
    const summer = await ctx.team.owner.request('PUT', url, { local: '2027-07-01T17:00', timeZone: 'Europe/Brussels' });
    expect((summer.body as { deadline: DeadlineView }).deadline.at).toBe(Date.UTC(2027, 6, 1, 15, 0));
    for (const bad of [{ local: '2027-03-01T17:00' }, { local: '1 March', timeZone: 'Europe/Brussels' }, { local: '2027-03-01T17:00', timeZone: 'Mars/Olympus' }, {}]) {
      expect((await ctx.team.owner.request('PUT', url, bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('lists the group’s deadlines with their titles, soonest first, for members only', async () => {
    const later = await ctx.team.owner.document(ctx.team.workspaceId, 'Ethics amendment');
    await ctx.team.owner.request('PUT', `/api/documents/${later}/deadline`, { local: '2028-01-15T12:00', timeZone: 'Asia/Kolkata' });
    await ctx.team.owner.request('PUT', `/api/documents/${ctx.team.docId}/deadline`, { local: '2027-03-01T17:00', timeZone: 'Europe/Brussels' });
    const listed = await ctx.team.viewer.get(`/api/workspaces/${ctx.team.workspaceId}/deadlines`);
    expect(listed.status).toBe(200);
    const { deadlines } = listed.body as WorkspaceDeadlinesView;
    expect(deadlines.map((d) => [d.documentTitle, d.local, d.timeZone])).toEqual([
      ['Trial protocol', '2027-03-01T17:00', 'Europe/Brussels'],
      ['Ethics amendment', '2028-01-15T12:00', expect.stringMatching(/^Asia\/(Kolkata|Calcutta)$/)],
    ]);
    expect((await ctx.team.outsider.get(`/api/workspaces/${ctx.team.workspaceId}/deadlines`)).status).toBe(404);
  });

  it('downloads a deadline as an .ics event in its own zone, with a VTIMEZONE for it', async () => {
    await ctx.team.owner.request('PUT', `/api/documents/${ctx.team.docId}/deadline`, { local: '2027-03-01T17:00', timeZone: 'Europe/Brussels' });
    const ics = await ctx.team.viewer.get(`/api/documents/${ctx.team.docId}/deadline.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics.headers.get('content-disposition')).toContain('attachment');
    const text = String(ics.body).replace(/\r\n/g, '\n');
    expect(text).toContain('DTSTART;TZID=Europe/Brussels:20270301T170000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\nTZID:Europe\/Brussels\n/);
    expect(text).toContain('SUMMARY:Deadline: Trial protocol');
    expect((await ctx.team.outsider.get(`/api/documents/${ctx.team.docId}/deadline.ics`)).status).toBe(404);
  });

  it('serves a secret per-person feed to calendar apps without a session, until it is replaced or they leave', async () => {
    await ctx.team.owner.request('PUT', `/api/documents/${ctx.team.docId}/deadline`, { local: '2027-03-01T17:00', timeZone: 'Europe/Brussels' });
    const feedPath = `/api/workspaces/${ctx.team.workspaceId}/calendar-feed`;
    expect(((await ctx.team.viewer.get(feedPath)).body as { feed: { createdAt: number | null } }).feed.createdAt).toBeNull();
    const made = await ctx.team.viewer.post(feedPath);
    expect(made.status).toBe(201);
    const first = new URL((made.body as { feed: { url: string } }).feed.url);
    expect(first.pathname).toMatch(/^\/api\/calendar\/[a-z2-9]{24}\.[a-z2-9]{24}\.ics$/);

    const calendarApp = ctx.app.client();
    const fetched = await calendarApp.get(first.pathname);
    expect(fetched.status).toBe(200);
    expect(String(fetched.body)).toContain('DTSTART;TZID=Europe/Brussels:20270301T170000');
    expect(String(fetched.body)).toContain('X-WR-CALNAME:Cardiology group deadlines');

    // A new address turns the old one off; a guessed or mangled one finds nothing.
    const second = new URL(((await ctx.team.viewer.post(feedPath)).body as { feed: { url: string } }).feed.url);
    expect((await calendarApp.get(first.pathname)).status).toBe(404);
    expect((await calendarApp.get(second.pathname)).status).toBe(200);
    expect((await calendarApp.get(second.pathname.replace(/.\.ics$/, 'x.ics'))).status).toBe(404);
    expect((await calendarApp.get('/api/calendar/nothing.ics')).status).toBe(404);
    expect((await ctx.team.outsider.post(feedPath)).status).toBe(404);

    // Leaving the group ends the feed.
    const viewerId = ((await ctx.team.viewer.get('/api/me')).body as { user: { id: string } }).user.id;
    expect((await ctx.team.owner.delete(`/api/workspaces/${ctx.team.workspaceId}/members/${viewerId}`)).status).toBeLessThan(300);
    expect((await calendarApp.get(second.pathname)).status).toBe(404);
  });

  it('turns a feed off on request', async () => {
    const feedPath = `/api/workspaces/${ctx.team.workspaceId}/calendar-feed`;
    const url = new URL(((await ctx.team.owner.post(feedPath)).body as { feed: { url: string } }).feed.url);
    expect((await ctx.team.owner.delete(feedPath)).status).toBe(204);
    expect((await ctx.app.client().get(url.pathname)).status).toBe(404);
  });
});
