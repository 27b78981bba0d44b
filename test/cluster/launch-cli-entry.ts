// The `kubetasks` CLI run from source in a child process (tests that kill the process mid-launch).
import { runAsProcess } from '../../src/cli/main.js';

runAsProcess();
