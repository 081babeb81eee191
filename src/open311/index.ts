export { type Open311Attribute, standardAttributes } from './attributes.js';
export { open311Routes } from './open311.routes.js';
export type { Open311Deps } from './request.service.js';
