/**
 * The DAG ids a server knows (issue 16: the editor's `Trigger` CodeLens shows only above those). `GET /dags`
 * answers `{"dags": [{"dag_id": …}], "total_entries": n}` on /api/v2 and /api/v1 alike, paged by `limit`/`offset`.
 */
import type { AirflowConnection } from './client.js';

const PAGE = 100;
/** Enough for any DAG folder the editor shows; a larger one is read in pages up to this. */
const MAX_DAGS = 5000;

/** Every dag_id the server lists (paged). */
export async function listDagIds(conn: AirflowConnection, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < MAX_DAGS; offset += PAGE) {
    const page = await conn.call({
      method: 'GET', path: '/dags', query: { limit: String(PAGE), offset: String(offset) }, what: 'list DAGs', ...(signal ? { signal } : {}),
    });
    const dags = Array.isArray(page['dags']) ? (page['dags'] as unknown[]) : [];
    for (const d of dags) {
      const id = d && typeof d === 'object' ? (d as Record<string, unknown>)['dag_id'] : undefined;
      if (typeof id === 'string') ids.push(id);
    }
    const total = typeof page['total_entries'] === 'number' ? page['total_entries'] : 0;
    if (dags.length < PAGE || ids.length >= total) break;
  }
  return ids;
}
