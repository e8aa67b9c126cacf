#!/usr/bin/env node
// The `hindsight` executable: runs the command line and exits with its code (see program.ts).
import { run } from "./program.js";

process.exitCode = await run(process.argv.slice(2));
