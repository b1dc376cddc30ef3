/**
 * `npm test` after the build: ESLint and Vitest side by side. ESLint keeps one core busy for most
 * of a minute; run before the tests, the other core sat idle all that time. Its report is printed
 * when it finishes, in the middle of the tests' output, and a lint failure fails the run at the end.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const bin = (name: string) => resolve(import.meta.dirname, '../../node_modules/.bin', name);
const finished = (child: ReturnType<typeof spawn>) => new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));

const lint = spawn(bin('eslint'), ['.'], { stdio: ['ignore', 'pipe', 'pipe'] });
let report = '';
lint.stdout?.on('data', (chunk: Buffer) => { report += chunk.toString(); });
lint.stderr?.on('data', (chunk: Buffer) => { report += chunk.toString(); });
const tests = spawn(bin('vitest'), ['run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [lintCode, testsCode] = await Promise.all([
  finished(lint).then((code) => {
    process.stdout.write(code === 0 ? '\nESLint (beside the tests): no problems.\n' : `\nESLint (beside the tests) found problems; the run fails at the end:\n${report}\n`);
    return code;
  }),
  finished(tests),
]);
if (lintCode !== 0) process.stdout.write(`\nESLint found problems (printed above, during the tests).\n${report}`);
process.exit(lintCode !== 0 ? lintCode : testsCode);
