/**
 * The last resort of a command: an exception or rejection that nothing handled. It prints one line
 * on stderr instead of Node's dump (the stack as well with NODE_ENV=development) and still exits 1,
 * so that a bug is not hidden from the operator or the supervisor that restarts the process.
 */
import { setting } from '../config/settings.js';
import { errorLine } from './operator-message.js';

export function guardProcess(command: string): void {
  const fail = (error: unknown) => {
    console.error(describeUnexpected(error, command));
    if (setting('NODE_ENV') === 'development' && error instanceof Error && error.stack) console.error(error.stack);
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

export function describeUnexpected(error: unknown, command: string): string {
  const e = error as (NodeJS.ErrnoException & { address?: string; port?: number }) | undefined;
  // A listening socket reports a taken port as an 'error' event, which arrives here: the
  // operator's fault, not a bug.
  if (e?.code === 'EADDRINUSE' && e.syscall === 'listen') {
    return `port ${e.port} on ${e.address} is in use by another process (another server?): stop it, or set PORT to another port`;
  }
  return `${command} stopped on an unexpected failure: ${errorLine(error)}; this is a bug: report it with the stack that NODE_ENV=development prints`;
}
