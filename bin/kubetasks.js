#!/usr/bin/env node
// The `kubetasks` bin: run the bundled CLI (npm run build writes dist/cli.js); it sets the exit code.
'use strict';
require('../dist/cli.js').runAsProcess();
