import { emit, formatTable, unknownSubcommand, type Command, type CommandContext } from "../command";
import { resolveRef } from "../resolve-ref";

const USAGE = `  question-set list [--json]
  question-set show SET [--json]             (SET: an id or a name)`;

const day = (when: Date | string) => new Date(when).toISOString().slice(0, 10);

async function run(context: CommandContext): Promise<void> {
  const { args: [sub, ref], client } = context;
  switch (sub) {
    case "list": {
      const sets = await client.listQuestionSets();
      return emit(context, sets, () => formatTable(["id", "name", "questions", "imported"], sets.map((s) => [String(s.id), s.name, String(s.questions), day(s.createdAt)]), (i) => i === 0 || i === 2));
    }
    case "show": {
      const set = await client.showQuestionSet(await resolveRef(client, "question set", ref));
      return emit(context, set, () =>
        [
          `${set.name} (id ${set.id}, ${set.questions.length} question${set.questions.length === 1 ? "" : "s"})`,
          "",
          formatTable(
            ["question", "paraphrases", "samples", "judge metrics", "first paraphrase"],
            set.questions.map((q) => {
              const first = q.paraphrases[0] ?? "";
              return [q.key, String(q.paraphrases.length), q.samplesPerParaphrase === null ? "-" : String(q.samplesPerParaphrase), Object.keys((q.judgePrompts ?? {}) as object).join(",") || "-", first.length > 60 ? `${first.slice(0, 59).replace(/\s+/g, " ")}…` : first.replace(/\s+/g, " ")];
            }),
            (i) => i === 1 || i === 2,
          ),
        ].join("\n"),
      );
    }
    default:
      unknownSubcommand("question-set", sub, USAGE);
  }
}

export const questionSetCommand: Command = { name: "question-set", usage: USAGE, needs: "client", run };
