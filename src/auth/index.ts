export * from './access.js';
export { type AuthRouteDeps, authRoutes } from './auth.routes.js';
export { type AuthenticateDeps, createAuthenticate, type TokenAuthenticator } from './authenticate.js';
export { bootstrapAdmin, DEMO_PASSWORD, DEMO_TOWN, demoUsername, ensureDemoUsers } from './bootstrap.js';
export { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';
export * from './permissions.js';
export {
  CSRF_HEADER,
  csrfTokenFor,
  type NewSession,
  pruneAuthRecords,
  SESSION_COOKIE,
  startSession,
} from './session.service.js';
export {
  getUser,
  listUsers,
  requireUserId,
  resetUserPassword,
  revokeUserSessions,
  setUserGrants,
  type UserAdminDeps,
  updateUser,
} from './user.admin.service.js';
export { type UserRouteDeps, userRoutes } from './user.routes.js';
export type { CreateUserInput, GrantInput, GrantView, User } from './user.schema.js';
export { createUser, loadActor, mayGrant, type UserDeps } from './user.service.js';
