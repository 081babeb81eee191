export { apiKeyRoutes } from './apikey.routes.js';
export type {
  ApiKey,
  CreateApiKeyInput,
  ListApiKeysQuery,
  NewApiKey,
  TokenPermission,
} from './apikey.schema.js';
export { API_KEY_PATTERN, MAX_TOKEN_DAYS, tokenPermissions } from './apikey.schema.js';
export { type ApiKeyDeps, createApiKey, listApiKeys, revokeApiKey } from './apikey.service.js';
export { authenticateToken, generateApiKey, hashApiKey } from './apikey.token.js';
