// Runs the two sandboxes in their own process (for the memory benchmark, so the
// app's peak is not mixed with the stand-ins'). Seeds N interviews, prints the
// endpoints as one JSON line, and serves until its stdin closes.
import { DateTime } from 'luxon';
import { startCopilotSandbox } from '../src/sandbox/copilot';
import { startGoogleSandbox } from '../src/sandbox/google';

const items = Number(process.argv[2] ?? '1000');
const user = { email: 'bench@careercopilot.example', password: 'bench-password' };
const copilot = await startCopilotSandbox({ users: [user] });
const google = await startGoogleSandbox({ email: 'bench@gmail.example' });
const job = copilot.addJob({ title: 'Engineer', company: 'Bench Corp', location: 'Remote' });
const start = DateTime.now().setZone('UTC').startOf('day').plus({ days: 1 });
for (let i = 0; i < items; i++) {
  copilot.addApplication({ job_id: job.id, status: 'interview', interview_date: start.plus({ minutes: 30 * i }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), follow_up_date: null }, user.email);
}
process.stdout.write(`${JSON.stringify({ copilot: copilot.apiBase, google: { clientId: google.clientId, ...google.endpoints }, user })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all([copilot.close(), google.close()]).then(() => process.exit(0));
});
