/** Accounts: signup, login, logout, the session check and the signed-in user's profile. */
export { accountRoutes, type AccountRouteDeps } from './routes.js';
export { meRoutes, type MeRouteDeps } from './me-routes.js';
export { passwordRoutes, type PasswordRouteDeps } from './password-routes.js';
export { presentMe } from './presenters.js';
