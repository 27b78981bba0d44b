#!/usr/bin/env node
// The `kubetasks` bin: run the bundled CLI (npm run build writes dist/cli.js) and exit with its code.
'use strict';
const { main } = require('../dist/cli.js');
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`kubetasks: internal error: ${error && error.stack || error}\n`); process.exitCode = 70; },
);
