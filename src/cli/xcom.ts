/**
 * `kubetasks xcom POD [--namespace N]`: reads a pod's XCom exactly as `PodManager.extract_xcom_json` does (provider
 * 10.25.0): the same command in the `airflow-xcom-sidecar` container, the empty marker as `null`, and Python
 * `json.loads` validity (an invalid value fails with its JSONDecodeError). The sidecar is left running.
 */
import { toXcomValue, xcomReadCommand, xcomSidecarName } from '../tasks/index.js';
import { formatOptions, parseCommandArgs } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { clusterOptions, openClient } from './launch.js';

const xcomOptions = clusterOptions;

const usage = `Usage: kubetasks xcom POD [options]

Reads the XCom of a running KubernetesPodOperator pod as Airflow reads it (its ${xcomSidecarName} container) and
prints it as compact JSON (null when empty).

${formatOptions(xcomOptions)}
Exit codes: 0 read, 1 the XCom is not valid JSON, 2 usage error, 4 the cluster refused or could not be reached.
`;

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(xcomOptions, args);
  if (typeof parsed === 'string' || parsed.positionals.length !== 1) {
    io.stderr.write(`kubetasks xcom: ${typeof parsed === 'string' ? parsed : 'give exactly one POD'}\n${usage}`);
    return ExitCode.usage;
  }
  const client = openClient(parsed.values, io, 'xcom');
  if (!client) return 4;
  const pod = parsed.positionals[0] ?? '';
  try {
    const namespace = parsed.values.namespace ?? client.namespace;
    const result = await client.exec(pod, xcomSidecarName, [...xcomReadCommand], { namespace, timeoutMs: 60_000 });
    const read = toXcomValue(result.stdout, result.stderr);
    if (!read.ok) {
      io.stderr.write(`kubetasks xcom: ${read.message}\n`);
      return 1;
    }
    io.stdout.write(`${JSON.stringify(read.value)}\n`);
    return ExitCode.ok;
  } catch (error) {
    io.stderr.write(`kubetasks xcom: ${error instanceof Error ? error.message : String(error)}\n`);
    return 4;
  } finally {
    client.close();
  }
}

export const xcomCommand: CliCommand = {
  name: 'xcom',
  summary: "read a pod's XCom as Airflow does (its airflow-xcom-sidecar)",
  usage,
  run,
};
