export type {
  ApiKey,
  ApiKeyGrant,
  ApiKeyScope,
  CreateApiKeyInput,
  ListApiKeysQuery,
  NewApiKey,
} from './apikey.schema.js';
export { API_KEY_PATTERN, apiKeyScopes } from './apikey.schema.js';
export {
  type ApiKeyDeps,
  createApiKey,
  generateApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKey,
} from './apikey.service.js';
