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
    const runner = mocha.run((failures) => {
      // The orchestrator (test/host/run.mjs) reads this line and adds the UI checks to it.
      console.log(`mocha-host: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} host tests failed`));
      else resolve();
    });
  });
}
