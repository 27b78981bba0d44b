/**
 * `kubetasks trigger DAG_ID [options]` (issue 16): triggers a DAG run with a `conf` through Airflow's REST API
 * (Airflow 3 /api/v2 with a JWT, Airflow 2 /api/v1 with basic auth; detected by probing) and, with --wait, follows
 * its state to the end. Credentials come from the environment or netrc (src/airflow/credentials.ts), never argv.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AirflowConnection, AirflowError, credentialsFromEnv, describeCredentials, triggerDagRun, waitForDagRun, type DagRun,
} from '../airflow/index.js';
import { parseRunJson } from '../templates/index.js';
import { formatOptions, parseCommandArgs, type OptionValues } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';

const triggerOptions = {
  server: { type: 'string', value: 'URL', help: 'base URL of the Airflow API server (default: $KUBETASKS_AIRFLOW_URL)' },
  conf: { type: 'string', value: 'JSON|@FILE', help: "the run's dag_run.conf, a JSON object (default {})" },
  'run-id': { type: 'string', value: 'ID', help: 'the run id (default: Airflow names it manual__<time>)' },
  unpause: { type: 'boolean', help: 'unpause the DAG first (a paused DAG is refused: its run would stay queued)' },
  wait: { type: 'boolean', help: 'follow the run until it succeeds or fails (state polled with backoff)' },
  output: { type: 'string', choices: ['text', 'json'], help: 'text (default) or json: the run as {server, api, airflowVersion, dagId, runId, state, logicalDate}' },
  'ca-file': { type: 'string', value: 'PATH', help: 'PEM CA certificate(s) to trust for an https server, besides the system roots' },
} as const;

const usage = `Usage: kubetasks trigger DAG_ID [options]

Triggers a run of DAG_ID on an Airflow server with a conf, as POST /api/v2/dags/{dag_id}/dagRuns (Airflow 3) or
/api/v1/… (Airflow 2) does; the API is detected by probing the server.

${formatOptions(triggerOptions)}
Credentials (never given on the command line): KUBETASKS_AIRFLOW_TOKEN (a bearer token), or
KUBETASKS_AIRFLOW_USERNAME and KUBETASKS_AIRFLOW_PASSWORD (Airflow 3: exchanged for a JWT at /auth/token; Airflow 2:
basic auth), else the server's entry in netrc ($NETRC or ~/.netrc).

Exit codes: 0 the run succeeded (without --wait: it was triggered), 1 the run failed, 2 input error,
4 the server refused (401/403/404/409/422, paused DAG) or could not be reached.
`;

type TriggerValues = OptionValues<typeof triggerOptions>;

interface TriggerInput {
  dagId: string;
  url: string;
  conf: Record<string, unknown>;
  caPem?: string;
  values: TriggerValues;
}

function readConf(value: string | undefined, cwd: string): Record<string, unknown> | string {
  if (value === undefined) return {};
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = fs.readFileSync(path.resolve(cwd, value.slice(1)), 'utf8');
    } catch (error) {
      return `--conf ${value}: ${(error as Error).message}`;
    }
  }
  const parsed = parseRunJson(text, '--conf');
  return parsed.ok ? parsed.value : parsed.problems.map((p) => p.message).join('; ');
}

function readInputs(args: string[], io: CliIo, env: NodeJS.ProcessEnv): TriggerInput | string {
  const parsed = parseCommandArgs(triggerOptions, args);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return positionals.length === 0 ? 'no DAG_ID given' : `give exactly one DAG_ID (got ${positionals.join(', ')})`;
  const url = values.server ?? env['KUBETASKS_AIRFLOW_URL'];
  if (!url) return 'no Airflow server: give --server URL or set KUBETASKS_AIRFLOW_URL';
  if (!URL.canParse(url)) return `"${url}" is not a URL; give the Airflow server's base URL, e.g. http://127.0.0.1:8080`;
  const cwd = io.cwd ?? process.cwd();
  const conf = readConf(values.conf, cwd);
  if (typeof conf === 'string') return conf;
  const input: TriggerInput = { dagId: positionals[0] ?? '', url, conf, values };
  if (values['ca-file'] !== undefined) {
    try {
      input.caPem = fs.readFileSync(path.resolve(cwd, values['ca-file']), 'utf8');
    } catch (error) {
      return `--ca-file ${values['ca-file']}: ${(error as Error).message}`;
    }
  }
  return input;
}

function report(io: CliIo, conn: AirflowConnection, run: DagRun, json: boolean): void {
  if (json) {
    const out = { server: conn.baseUrl.href, api: conn.api, airflowVersion: conn.version, dagId: run.dagId, runId: run.runId, state: run.state, logicalDate: run.logicalDate };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout.write(`${run.dagId} ${run.runId}: ${run.state} (Airflow ${conn.version} at ${conn.baseUrl.href})\n`);
  }
}

async function trigger(input: TriggerInput, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const resolved = credentialsFromEnv(env, new URL(input.url));
  if (typeof resolved === 'string') return usageError(io, resolved);
  const conn = await AirflowConnection.open({ url: input.url, credentials: resolved.credentials, ...(input.caPem ? { caPem: input.caPem } : {}) });
  try {
    io.stderr.write(`kubetasks trigger: Airflow ${conn.version} (/api/${conn.api}) at ${conn.baseUrl.href} as ${describeCredentials(resolved)}\n`);
    const { values } = input;
    const run = await triggerDagRun(conn, {
      dagId: input.dagId, conf: input.conf, ...(values['run-id'] ? { runId: values['run-id'] } : {}), ...(values.unpause ? { unpause: true } : {}),
    });
    if (!values.wait) {
      report(io, conn, run, values.output === 'json');
      return ExitCode.ok;
    }
    const done = await waitForDagRun(conn, input.dagId, run.runId, { onState: (r) => io.stderr.write(`kubetasks trigger: ${r.runId}: ${r.state}\n`) });
    report(io, conn, done, values.output === 'json');
    return done.state === 'success' ? ExitCode.ok : ExitCode.findings;
  } finally {
    conn.close();
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`kubetasks trigger: ${message}\n${usage}`);
  return ExitCode.usage;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const input = readInputs(args, io, process.env);
  if (typeof input === 'string') return usageError(io, input);
  try {
    return await trigger(input, io, process.env);
  } catch (error) {
    if (!(error instanceof AirflowError)) throw error;
    io.stderr.write(`kubetasks trigger: ${error.message}\n`);
    // a malformed --server URL is the user's input; everything else the server refused or could not answer
    return error.reason === 'Invalid' && error.status === undefined ? ExitCode.usage : 4;
  }
}

export const triggerCommand: CliCommand = {
  name: 'trigger',
  summary: 'trigger an Airflow DAG run with a conf over the REST API (Airflow 2 and 3), optionally waiting for it',
  usage,
  run,
};
