/**
 * The report of `validate` in the formats CI systems read: SARIF 2.1.0 (GitHub code scanning and
 * other SARIF viewers), JUnit XML (GitLab, Jenkins, Azure Pipelines test reports) and GitLab Code
 * Quality. Loaded only for these formats. Each file given is in the report, a file that could not
 * be read with its I/O problem; paths are those of the report, relative to the working directory
 * when the file is inside it.
 */
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import xml, { type XmlObject } from 'xml';
import { ExitCode } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { formatProblem } from './report.js';
import type { FileReport } from './validate-command.js';
import { visible, visibleJson, visibleLines } from './visible.js';
import { version } from './version.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base that relative artifact URIs are resolved against: the working directory, given below. */
const SOURCE_ROOT = '%SRCROOT%';

/** A path as a SARIF artifact location: a relative URI reference from the working directory, or a file URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** One run of the tool, every problem a result, every code a rule. */
export function toSarif(reports: readonly FileReport[], exitCode: ExitCode, cwd: string = process.cwd()): string {
  const problems = reports.flatMap((report) => report.problems);
  const rules = [...new Set(problems.map((problem) => problem.code))].sort();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'convention', semanticVersion: version(), rules: rules.map((id) => ({ id })) } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd + sep).href } },
        // Columns are counted in UTF-16 code units, as JavaScript strings (and the YAML parser) count them.
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: exitCode !== ExitCode.UsageOrIo, exitCode }],
        artifacts: reports.map((report) => ({ location: artifactLocation(report.file) })),
        results: problems.map((problem) => ({
          ruleId: problem.code,
          ruleIndex: rules.indexOf(problem.code),
          level: problem.severity === 'error' ? 'error' : 'warning',
          message: { text: problem.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(problem.file),
                ...(problem.line > 0 ? { region: { startLine: problem.line, startColumn: problem.column } } : {}),
              },
              ...(problem.path ? { logicalLocations: [{ fullyQualifiedName: problem.path, kind: 'member' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
  return visibleJson(JSON.stringify(log, null, 2));
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/**
 * One test case per file: a `failure` for an invalid convention (its problems as the text format
 * prints them, without colours), an `error` for a file that could not be read, and the warnings of
 * a valid one in its `system-out`.
 */
export function toJunit(reports: readonly FileReport[]): string {
  const failures = reports.filter((report) => report.exitCode === ExitCode.InvalidConvention).length;
  const errors = reports.filter((report) => report.exitCode === ExitCode.UsageOrIo).length;
  const totals = { tests: reports.length, failures, errors, skipped: 0 };
  const cases: XmlObject[] = reports.map((report) => {
    const file = visible(report.file);
    const detail = report.problems.map((problem) => formatProblem(problem, report.text, { plain: true })).join('\n');
    const children: XmlObject[] = [{ _attr: { name: file, classname: 'convention validate', file } }];
    if (report.failure) {
      const problem = report.problems[0]!;
      children.push({ error: [{ _attr: { type: problem.code, message: visible(problem.message) } }, visibleLines(report.failure.line)] });
    } else if (report.exitCode === ExitCode.InvalidConvention) {
      const errorCount = report.problems.filter((problem) => problem.severity === 'error').length;
      children.push({ failure: [{ _attr: { type: 'convention-invalide', message: `convention invalide : ${plural(errorCount, 'erreur')}` } }, detail] });
    } else if (report.problems.length > 0) {
      children.push({ 'system-out': detail });
    }
    return { testcase: children };
  });
  return xml(
    { testsuites: [{ _attr: { name: 'convention validate', ...totals } }, { testsuite: [{ _attr: { name: 'convention validate', ...totals } }, ...cases] }] },
    { declaration: { encoding: 'UTF-8' }, indent: '  ' },
  );
}

/**
 * GitLab Code Quality: an array of issues, each with a fingerprint that stays the same from one
 * pipeline to the next while the problem is unchanged (GitLab compares reports by it).
 */
export async function toGitlab(reports: readonly FileReport[]): Promise<string> {
  // node:crypto only here: `validate` in the other formats does without it.
  const { createHash } = await import('node:crypto');
  const seen = new Map<string, number>();
  const issues = reports.flatMap((report) =>
    report.problems.map((problem: Problem) => {
      const key = [problem.file, problem.line, problem.column, problem.code, problem.message].join('\u0000');
      // Two identical problems at the same place still need distinct fingerprints.
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return {
        description: problem.message,
        check_name: problem.code,
        fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'),
        severity: report.failure ? 'critical' : problem.severity === 'error' ? 'major' : 'minor',
        location: { path: problem.file.split(sep).join('/'), lines: { begin: Math.max(problem.line, 1) } },
      };
    }),
  );
  return visibleJson(JSON.stringify(issues, null, 2));
}
