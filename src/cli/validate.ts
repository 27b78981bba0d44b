/** `kubetasks validate PATH... [--format text|json|sarif]`: the same engine and diagnostics as the editor. */
import fs from 'node:fs';
import { validateTemplate, type ValidatorSource } from '../templates/index.js';
import { formatOptions, parseCommandArgs } from './args.js';
import { ExitCode, type CliCommand, type CliIo } from './io.js';
import { createNodeValidatorSource } from './template-assets.js';
import { expandPaths } from './validate-paths.js';
import { renderReport, renderSummary, type FileDiagnostic, type ReportFormat } from './validate-report.js';

/** The options of `validate`; a new flag is one row here. */
const validateOptions = {
  format: { type: 'string', choices: ['text', 'json', 'sarif'], help: 'text (default): one line per diagnostic; json; SARIF 2.1.0' },
} as const;

const usage = `Usage: kubetasks validate PATH... [options]

Validates pod templates, job templates, Spark application files (YAML or JSON), Kueue resources and task files
against the bundled schemas and the Airflow lints. PATH may be a file, a folder (only files whose kind is
detected are checked) or a glob ("templates/**/*.yaml").

Output: one line per diagnostic, "path:line:col: severity CODE message"; a summary goes to stderr.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable path.

${formatOptions(validateOptions)}`;

interface ValidateArgs {
  paths: string[];
  format: ReportFormat;
}

function parseValidateArgs(args: readonly string[]): ValidateArgs | string {
  const parsed = parseCommandArgs(validateOptions, args);
  if (typeof parsed === 'string') return parsed;
  const format = (parsed.values.format ?? 'text') as ReportFormat;
  return parsed.positionals.length === 0 ? 'no PATH given' : { paths: parsed.positionals, format };
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
