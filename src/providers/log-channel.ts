/** The single KubeTasks log channel (Output → KubeTasks), adapted to the core's Logger interface. */
import * as vscode from 'vscode';
import type { Logger } from '../common/index.js';

export interface LogChannel extends Logger, vscode.Disposable {
  show(): void;
}

export function createLogChannel(): LogChannel {
  const channel = vscode.window.createOutputChannel('KubeTasks', { log: true });
  return {
    trace: (message) => channel.trace(message),
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
