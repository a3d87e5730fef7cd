/** The bundle entry of the CLI (dist/cli.js). */
import { main, processIO } from './cli.js';

// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), processIO());
