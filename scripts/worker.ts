/** `npm run worker`: job workers only (callback processing, pending poll), for a dedicated process. */
import { startWorkers } from "../lib/jobs/start-workers";
import { stopBoss } from "../lib/jobs/boss";

await startWorkers();
console.log("Proposal Desk workers are running. Ctrl-C stops them.");
const stop = async () => {
  await stopBoss();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
