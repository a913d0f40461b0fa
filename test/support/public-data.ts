import { readdirSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "@/lib/db/project-paths";

export const publicDataDir = path.join(projectRoot, "prisma", "seed", "em-public");
export const judgedFiles = readdirSync(path.join(publicDataDir, "judged"))
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((f) => path.join(publicDataDir, "judged", f));
export const questionFiles = ["first_plot_questions.yaml", "preregistered_evals.yaml"].map((f) => path.join(publicDataDir, "questions", f));
