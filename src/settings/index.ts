/** Public surface of src/settings: the typed `kubetasks.*` settings. */
export type { LogLevel, Settings } from './settings.js';
export { defaultSettings, parseSettings } from './settings.js';
