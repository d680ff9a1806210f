/** Per-request context: the store's loaders, fresh for every request so nothing is cached across users. */
import type { Loaders } from './loaders.js';
import type { ApiServices } from './services.js';

export interface ApiContext {
  loaders: Loaders;
  services: ApiServices;
}
