/** @module The part of jstat's untyped API the research code uses (normal distribution). */
declare module 'jstat' {
  const jStat: {
    normal: {
      cdf(x: number, mean: number, std: number): number;
      inv(p: number, mean: number, std: number): number;
    };
  };
  export default jStat;
}
