/** Invitations: owners invite by link or email address; the invitee accepts once. */
export { inviteRoutes, workspaceInviteRoutes, type InviteRouteDeps } from './routes.js';
export { invitePreviewRoutes, type InvitePreviewDeps } from './preview-routes.js';
export { presentInvite } from './presenters.js';
