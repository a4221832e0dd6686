/**
 * The route table. Every page is a lazy chunk, so the list pages never load the editor (TipTap,
 * ProseMirror and Yjs are most of the JavaScript); `preload` starts a page's data while its code loads.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { preloadDocument } from './pages/document.data';
import { preloadWorkspace } from './pages/workspace.data';
import { preloadWorkspaces } from './pages/workspaces.data';

export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./pages/Home')), preload: preloadWorkspaces },
  { path: ['/signin', '/signup'], component: lazy(() => import('./pages/SignIn')) },
  { path: '/w/:workspaceId', component: lazy(() => import('./pages/Workspace')), preload: preloadWorkspace },
  { path: '/invite/:token', component: lazy(() => import('./pages/Invite')) },
  { path: '/d/:docId', component: lazy(() => import('./pages/Document')), preload: preloadDocument },
  // A read-only link opens its document without signing in (features/sharing).
  { path: '/shared/:token', component: lazy(() => import('./features/sharing/SharedLinkPage')) },
  { path: '/profile', component: lazy(() => import('./pages/Profile')) },
  { path: '/forgot-password', component: lazy(() => import('./features/mail/ForgotPasswordPage')) },
  { path: '/reset-password', component: lazy(() => import('./features/mail/ResetPasswordPage')) },
  { path: '/verify-email', component: lazy(() => import('./features/mail/VerifyEmailPage')) },
  { path: '/mail/unsubscribe', component: lazy(() => import('./features/mail/UnsubscribePage')) },
  { path: '*', component: lazy(() => import('./pages/NotFound')) },
];
