/** A command adapter: one file per command, registered from commands/index.ts. */
import type { Logger } from '../common/index.js';
import type { DagScans } from '../providers/dag-scans.js';
import type { DryRunPreviewProvider } from '../providers/dry-run-preview.js';
import type { CommandId } from './command-ids.js';

/** What command adapters are given by the composition root. */
export interface CommandContext {
  logger: Logger;
  /** Reveals the KubeTasks log channel. */
  showLog(): void;
  /** The Dry Run preview documents (issue 3). */
  dryRunPreview: DryRunPreviewProvider;
  /** The latest scan of each open DAG file (issue 6). */
  dagScans: DagScans;
}

export interface Command {
  readonly id: CommandId;
  execute(context: CommandContext, ...args: unknown[]): unknown;
}
