/**
 * Reading the XCom the way `PodManager.extract_xcom_json` / `extract_xcom_kill` and
 * `KubernetesPodOperator.extract_xcom` do (provider 10.25.0): the exact commands, the empty marker, and the
 * `json.loads` validity check.
 */
import { xcomSidecarName } from './pod-shape.js';

/** `EMPTY_XCOM_RESULT`. */
export const emptyXcomMarker = '__airflow_xcom_result_empty__';

/** `extract_xcom_json`'s command, run in the sidecar (stdin off, stdout and stderr on). */
export const xcomReadCommand: readonly string[] = [
  '/bin/sh',
  '-c',
  `if [ -s /airflow/xcom/return.json ]; then cat /airflow/xcom/return.json; else echo ${emptyXcomMarker}; fi`,
];

/**
 * `extract_xcom_kill`: `/bin/sh` in the sidecar with this line on stdin. SIGINT reaches the sidecar's trap (it exits
 * 0) and the exec's own shell too, so that exec ending with 130 is the expected result.
 */
export const xcomKillScript = "kill -2 $(pgrep -u $(id -u) -f 'sh')\n";

/** The fallback when the first kill wrote to stderr (images without `pgrep -u`). */
export const xcomKillFallbackScript =
  'for f in /proc/[0-9]*/comm; do [ -O $f ] && read c < $f && [ "$c" = "sh" ] && pid=${f%/comm} && kill -2 ${pid##*/}; done\n';

export const xcomKillCommand: readonly string[] = ['/bin/sh'];
export { xcomSidecarName };

export type XcomValue = null | boolean | number | string | XcomValue[] | { [key: string]: XcomValue };

export type XcomRead = { ok: true; value: XcomValue } | { ok: false; exception: string; message: string };

/** Python's json.loads also takes NaN, Infinity and -Infinity outside strings; JSON has no such values (null here). */
function withPythonConstants(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\bNaN\b|-?\bInfinity\b/g, (match, str: string | undefined) => str ?? 'null');
}

function parsePythonJson(text: string): XcomValue | SyntaxError {
  try {
    return JSON.parse(text) as XcomValue;
  } catch (error) {
    try {
      return JSON.parse(withPythonConstants(text)) as XcomValue;
    } catch {
      return error as SyntaxError;
    }
  }
}

/**
 * The XCom from the read exec's output. The websocket client's `read_all()` holds stdout and stderr together, so
 * stderr text makes the value invalid exactly as it does in Airflow. The marker means None; anything else must be
 * JSON (`json.loads`; an empty output fails too, as `json.loads("")` does).
 */
export function toXcomValue(stdout: string, stderr: string): XcomRead {
  const result = stdout + stderr;
  if (result.trimEnd() === emptyXcomMarker) return { ok: true, value: null };
  const parsed = parsePythonJson(result);
  if (parsed instanceof SyntaxError) return { ok: false, exception: 'JSONDecodeError', message: `JSONDecodeError: ${parsed.message}` };
  return { ok: true, value: parsed };
}
