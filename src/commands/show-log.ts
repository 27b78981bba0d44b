/** "KubeTasks: Show Log": reveal the KubeTasks log channel (also the target of every error's "Show Log"). */
import { CommandIds } from './command-ids.js';
import type { Command } from './command.js';

export const showLogCommand: Command = {
  id: CommandIds.showLog,
  execute(context) {
    context.showLog();
  },
};
