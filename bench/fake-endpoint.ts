// The fake OpenAI-compatible server (test tooling) in a process of its own, for the engine
// benchmark: the model and judge must not share the measured process's event loop.
// Usage: tsx bench/fake-endpoint.ts --port 3450 --delay 200 --key sk-bench
import { parseArgs } from "node:util";
import { startFakeOpenAI } from "../test/support/fake-openai";
import { scriptedReply } from "../test/support/scripted-model";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, delay: { type: "string", default: "0" }, key: { type: "string", default: "sk-bench" } } });
const fake = await startFakeOpenAI({ apiKey: values.key, port: Number(values.port), delayMs: Number(values.delay), reply: scriptedReply, keepRequests: false });
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
