/**
 * Runs a command in a container (pods/exec) and resolves with its exit code and output once the status channel
 * reports the end: a V1Status `Success` is exit 0, `Failure` with reason `NonZeroExitCode` carries the code in
 * `details.causes[{reason: "ExitCode", message: "N"}]` (kubelet `remotecommand`), or kwok's "exit status N";
 * any other Failure is an error.
 * The promise rejects when the socket closes without a status, on `timeoutMs`, and on abort. Closing the socket does
 * not kill the remote process (kubernetes-client/javascript#441): commands that may hang need their own timeout.
 */
import { openChannelSocket } from './channel-socket.js';
import type { ChannelHandlers, ChannelSocket } from './channel-socket.js';
import { errorFromResponse, KubeError, toKubeError, withAdvice } from './errors.js';
import { knownKinds, resourcePath } from './resources.js';
import type { Transport } from './transport.js';

export interface ExecOptions {
  namespace?: string;
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed (v5.channel.k8s.io; v4 cannot signal EOF). */
  stdin?: string | Uint8Array;
  /** Give up (Timeout) when the command has not ended after this long (default 60 000). */
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface ExecStatus {
  status?: string;
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** The exit code of a status-channel V1Status, or a KubeError for a failure that is not an exit code. */
export function exitCodeOf(status: ExecStatus, what: string): number | KubeError {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  if (status.reason === 'NonZeroExitCode' && Number.isInteger(code)) return code;
  // kwok's local exec reports a non-zero exit as InternalError "…cmd wait: <cmd>: exit status N" (Go's
  // exec.ExitError text) instead of NonZeroExitCode; a signal stays an error (docs/TEST-CLUSTER.md)
  const kwok = /cmd wait: .*: exit status (\d+)$/.exec(status.message ?? '');
  if (status.reason === 'InternalError' && kwok?.[1]) return Number(kwok[1]);
  return errorFromResponse(what, 500, { kind: 'Status', ...status });
}

/** Collects stdout/stderr and settles on the status channel or on a close without one. */
function execHandlers(what: string, settle: (outcome: ExecResult | KubeError) => void): ChannelHandlers {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  return {
    onMessage: (channel, data) => {
      if (channel === 1) stdout.push(data);
      else if (channel === 2) stderr.push(data);
      else if (channel === 3) {
        const code = exitCodeOf(JSON.parse(data.toString('utf8')) as ExecStatus, what);
        settle(code instanceof KubeError ? code : { exitCode: code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
      }
    },
    onClose: (error) => {
      const why = error ? `: ${error.message}` : '';
      settle(new KubeError('Unreachable', withAdvice('Unreachable', `${what}: the connection closed before the command reported its exit status${why}`), { cause: error }));
    },
  };
}

/** Writes stdin and, on v5.channel.k8s.io, closes it so the command sees EOF. */
function sendStdin(socket: ChannelSocket, stdin: string | Uint8Array | undefined): void {
  if (stdin === undefined) return;
  socket.send(0, Buffer.from(stdin));
  if (socket.protocol === 'v5.channel.k8s.io') socket.send(255, Buffer.from([0]));
}

export function execInContainer(transport: Transport, defaultNamespace: string, pod: string, container: string, command: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const namespace = opts.namespace ?? defaultNamespace;
  const what = `exec ${JSON.stringify(command.join(' '))} in ${namespace}/${pod} container ${container}`;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise<ExecResult>((resolve, reject) => {
    let socket: ChannelSocket | undefined;
    let settled = false;
    const settle = (outcome: ExecResult | KubeError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof KubeError) socket?.destroy();
      else socket?.close();
      if (outcome instanceof KubeError) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = (): void => settle(new KubeError('Aborted', `${what}: cancelled`, { cause: opts.signal?.reason }));
    const timer = setTimeout(() => settle(new KubeError('Timeout', withAdvice('Timeout', `${what}: the command did not end within ${timeoutMs / 1000} s`), { cause: undefined })), timeoutMs);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const query = { command, container, stdin: opts.stdin !== undefined, stdout: true, stderr: true };
    openChannelSocket(transport, resourcePath(knownKinds.Pod, namespace, pod, 'exec'), query, what, execHandlers(what, settle), opts.signal).then(
      (s) => {
        socket = s;
        if (settled) s.destroy();
        else sendStdin(s, opts.stdin);
      },
      (error: unknown) => settle(toKubeError(error, what)),
    );
  });
}
