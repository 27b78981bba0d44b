/** Every command ID KubeTasks contributes. package.json must list exactly these (src/package-json.test.ts). */
export const CommandIds = {
  showVersion: 'kubetasks.showVersion',
  showLog: 'kubetasks.showLog',
  dryRun: 'kubetasks.dryRun',
  toggleDryRunFormat: 'kubetasks.toggleDryRunFormat',
  validateDagTask: 'kubetasks.validateDagTask',
  renderWith: 'kubetasks.renderWith',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
