/**
 * The extension-host side of the host suite: VS Code loads the bundle built by test/host/build.mjs
 * (extensionTestsPath) inside its real Node extension host and calls its run(), which calls runSuite here.
 */
import Mocha from 'mocha';

/** Runs every test file `load` requires, after Mocha's TDD globals (suite, test, setup…) exist. */
export function runSuite(load: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'host-suite', mocha);
  load();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      // A pending test (`test.skip`, `this.skip()`, a test without a body) is a failure: the suite proves only
      // what it ran (issue 9, test hygiene).
      const pending = runner.stats?.pending ?? 0;
      if (pending > 0) console.log(`mocha-host: ${pending} pending (skipped) test(s) count as failed`);
      const failures = failed + pending;
      // The orchestrator (test/host/run.mjs) reads this line and adds the UI checks to it.
      console.log(`mocha-host: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} host tests failed`));
      else resolve();
    });
  });
}
