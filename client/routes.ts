/**
 * The route table. Every page is a lazy chunk, so the home and sign-in pages never load the editor
 * (TipTap, ProseMirror and Yjs are most of the JavaScript).
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';

export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./pages/Home')) },
  { path: '/signin', component: lazy(() => import('./pages/SignIn')) },
  { path: '/d/:docId', component: lazy(() => import('./pages/Document')) },
  { path: '*', component: lazy(() => import('./pages/NotFound')) },
];
