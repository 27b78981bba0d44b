/** KubeTasks' own version: the one in package.json (bundled by esbuild, read by tsx in tests). */
import packageJson from '../../package.json' with { type: 'json' };

export const kubetasksVersion: string = packageJson.version;
