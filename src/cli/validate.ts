/** `kubetasks validate PATH... [--format text|json|sarif]`: the same engine and diagnostics as the editor. */
import fs from 'node:fs';
import { validateTemplate, type ValidatorSource } from '../templates/index.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { createNodeValidatorSource } from './template-assets.js';
import { expandPaths } from './validate-paths.js';
import { renderReport, renderSummary, type FileDiagnostic, type ReportFormat } from './validate-report.js';

const usage = `Usage: kubetasks validate PATH... [--format text|json|sarif]

Validates pod templates, job templates, Spark application files (YAML or JSON), Kueue resources and task files
against the bundled schemas and the Airflow lints. PATH may be a file, a folder (only files whose kind is
detected are checked) or a glob ("templates/**/*.yaml").

Output: one line per diagnostic, "path:line:col: severity CODE message"; a summary goes to stderr.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable path.
`;

interface ValidateArgs {
  paths: string[];
  format: ReportFormat;
}

export function parseValidateArgs(args: readonly string[]): ValidateArgs | string {
  const paths: string[] = [];
  let format: ReportFormat = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--format' ? args[++i] : arg.startsWith('--format=') ? arg.slice(9) : undefined;
    if (arg === '--format' || arg.startsWith('--format=')) {
      if (value !== 'text' && value !== 'json' && value !== 'sarif') return `--format must be text, json or sarif`;
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else paths.push(arg);
  }
  return paths.length === 0 ? 'no PATH given' : { paths, format };
}

function checkFiles(args: ValidateArgs, io: CliIo, validators: ValidatorSource) {
  const { files, missing } = expandPaths(args.paths, io.cwd ?? process.cwd());
  const findings: FileDiagnostic[] = [];
  let checked = 0;
  let skipped = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file.absolute, 'utf8');
    } catch (error) {
      missing.push(`${file.display} (${(error as Error).message})`);
      continue;
    }
    const result = validateTemplate(text, { fileName: file.absolute, validators });
    if (!result.claimed) {
      skipped++;
      if (file.explicit) io.stderr.write(`kubetasks validate: skipped ${file.display}: no template kind detected ` +
        '(add a "# kubetasks: pod-template" style modeline)\n');
      continue;
    }
    checked++;
    findings.push(...result.diagnostics.map((diagnostic) => ({ file: file.display, diagnostic })));
  }
  return { findings, checked, skipped, missing };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseValidateArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`kubetasks validate: ${parsed}\n${usage}`);
    return ExitCode.usage;
  }
  const { findings, checked, skipped, missing } = checkFiles(parsed, io, createNodeValidatorSource());
  for (const path of missing) io.stderr.write(`kubetasks validate: cannot read ${path}\n`);
  io.stdout.write(renderReport(findings, parsed.format));
  io.stderr.write(renderSummary(findings, checked, skipped));
  if (missing.length > 0) return ExitCode.usage;
  return findings.some((f) => f.diagnostic.severity === 'error') ? ExitCode.findings : ExitCode.ok;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check templates, Spark application files, Kueue resources and task files',
  usage,
  run,
};
