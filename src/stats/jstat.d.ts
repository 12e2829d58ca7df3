// jstat ships no type declarations; this types only the functions distributions.ts uses.
declare module 'jstat' {
  interface Continuous1 {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  interface Continuous2 {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  const jstat: {
    jStat: {
      studentt: Continuous1;
      chisquare: Continuous1;
      normal: Continuous2;
    };
  };
  export default jstat;
}
