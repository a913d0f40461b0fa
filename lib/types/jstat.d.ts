// The few jStat functions EM Lab uses (the package ships no types).
declare module "jstat" {
  interface ContinuousDistribution {
    inv(p: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
  }
  const jstat: {
    jStat: {
      studentt: ContinuousDistribution;
      beta: ContinuousDistribution;
      normal: ContinuousDistribution;
    };
  };
  export default jstat;
}
