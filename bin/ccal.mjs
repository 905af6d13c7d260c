#!/usr/bin/env node
// Launches the TypeScript command line through tsx (a dev dependency here; the
// packaged desktop app ships the compiled main process instead).
import { register } from 'tsx/esm/api';
register();
await import('../src/main/cli/main.ts');
