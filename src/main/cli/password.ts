// Reads a password (Career Copilot's, or a CalDAV app-specific one) without echoing it and without putting it on
// the command line (where other users could see it in the process list).
import { createInterface } from 'node:readline';
import { InvalidInputError } from '../../shared/errors';

export interface PasswordPrompt {
  /** What the terminal asks. */
  question: string;
  /** The environment variable that may hold it instead (for scripts). */
  envVar: string;
}

const COPILOT_PASSWORD: PasswordPrompt = { question: 'Career Copilot password: ', envVar: 'CCAL_PASSWORD' };

export async function readPassword(fromStdin: boolean, env: NodeJS.ProcessEnv = process.env, prompt: PasswordPrompt = COPILOT_PASSWORD): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
    if (!text) throw new InvalidInputError('No password arrived on standard input.');
    return text;
  }
  const fromEnv = env[prompt.envVar];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new InvalidInputError(`No terminal to ask for the password. Pipe it in with --password-stdin, or set ${prompt.envVar}.`);
  }
  return promptHidden(prompt.question);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      // Echo the prompt, never the typed characters.
      if (s.includes(question)) write.call(rl, s);
    };
    rl.question(question, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
  });
}
