import { Xoshiro128 } from './prng.ts';

/**
 * The bootstrap's draw loop (Xoshiro128.addUniformCounts over 16-bit groups) in WebAssembly functions: the same
 * draws, the same counts, the generator left in the same state, in about half the CPU time of the JavaScript loop
 * (2.0 against 4.2 ns a draw measured at 100,000 positions). A report at 10 M rows makes 2 × 10^8 of them: its two
 * Gini intervals were four fifths of its CPU. JavaScript has no 64-bit integer multiply, so its loop takes the index
 * through a double (result × n / 2^32) and converts it back, and checks every typed-array access; here the index is
 * the high word of the 64-bit product result × n, which is the same integer while result × n < 2^53 (n ≤ 2^21: the
 * double holds it exactly). Four resamples at once (resample4, WebAssembly SIMD) take 1.4 ns a draw. The modules are
 * a few hundred bytes written out below, so that no build step or compiler is needed.
 */
export class GroupDraws {
  /** Four resamples at once (resample4): false where the engine has no WebAssembly SIMD. */
  readonly lanes: boolean;
  private readonly n: number;
  private readonly state: Uint32Array;
  private readonly laneState: Uint32Array;
  private readonly counts: Uint32Array[];
  private readonly word = new Uint32Array(4);
  private readonly scratch = new Xoshiro128(1);
  private readonly run: (draws: number) => void;
  private readonly run4: ((draws: number) => void) | undefined;

  private constructor(groupOf: Uint16Array, groups: number) {
    this.n = groupOf.length;
    // Layout: one generator's four words, four generators' (a a a a b b b b …), the counts of four resamples (a word a
    // group each), then groupOf (two bytes a position).
    const countsAt = 80;
    const stride = 4 * groups;
    const groupAt = countsAt + 4 * stride;
    const memory = new WebAssembly.Memory({ initial: Math.ceil((groupAt + 2 * this.n) / 65536) });
    const instance = (m: WebAssembly.Module) =>
      new WebAssembly.Instance(m, { m: { memory } }).exports as Record<string, (...args: number[]) => void>;
    const { draw } = instance((scalar ??= new WebAssembly.Module(SCALAR)));
    simd ??= WebAssembly.validate(SIMD) ? new WebAssembly.Module(SIMD) : null;
    const draw4 = simd ? instance(simd).draw4 : undefined;
    this.lanes = draw4 !== undefined;
    this.state = new Uint32Array(memory.buffer, 0, 4);
    this.laneState = new Uint32Array(memory.buffer, 16, 16);
    this.counts = [0, 1, 2, 3].map((lane) => new Uint32Array(memory.buffer, countsAt + lane * stride, groups));
    new Uint16Array(memory.buffer, groupAt, this.n).set(groupOf);
    this.run = (draws) => draw(0, countsAt, groupAt, this.n, draws);
    this.run4 = draw4 && ((draws) => draw4(16, countsAt, groupAt, this.n, draws, stride));
  }

  /**
   * Draws for `groupOf` (its values < `groups`), or null where the JavaScript loop must draw them: more than 2^21
   * positions (its index could then round differently), or no WebAssembly.
   */
  static of(groupOf: Uint16Array, groups: number): GroupDraws | null {
    if (groupOf.length > MAX_POSITIONS || typeof WebAssembly === 'undefined') return null;
    return new GroupDraws(groupOf, groups);
  }

  /**
   * The counts per group of `draws` draws from `rng` (what addUniformCounts adds to zeroed counts), rng moved on as
   * far. The array is overwritten by the next call: read it before.
   */
  resample(rng: Xoshiro128, draws: number): Uint32Array {
    const counts = this.counts[0];
    counts.fill(0);
    rng.saveState(this.state);
    this.run(draws);
    rng.loadState(this.state);
    return counts;
  }

  /**
   * Four resamples of `draws` draws each, in the order resample would draw them one after the other, as four
   * streams at once (one in each 32-bit lane; the lanes after the first start where the draws before them end,
   * Xoshiro128.jump): 1.4 against 2.0 ns a draw. rng ends after the fourth. Only where `lanes`; the arrays are
   * overwritten by the next call.
   */
  resample4(rng: Xoshiro128, draws: number): Uint32Array[] {
    const run4 = this.run4;
    if (!run4) throw new Error('resample4 needs WebAssembly SIMD (GroupDraws.lanes)');
    rng.saveState(this.word);
    for (let lane = 0; lane < 4; lane++) {
      if (lane > 0) {
        this.scratch.loadState(this.word);
        this.scratch.jump(draws);
        this.scratch.saveState(this.word);
      }
      for (let w = 0; w < 4; w++) this.laneState[4 * w + lane] = this.word[w];
      this.counts[lane].fill(0);
    }
    run4(draws);
    for (let w = 0; w < 4; w++) this.word[w] = this.laneState[4 * w + 3];
    rng.loadState(this.word);
    return this.counts;
  }
}

/** Most positions whose index result × n / 2^32 a double holds exactly (result < 2^32, so the product < 2^53). */
const MAX_POSITIONS = 2 ** 21;

let scalar: WebAssembly.Module | undefined;
let simd: WebAssembly.Module | null | undefined;

// The modules' binaries: draw(state, counts, group, n, draws) over an imported memory, and draw4(…, stride), the same
// loop over four generators in the lanes of 128-bit vectors, the counts of lane i at counts + i × stride. Both step as
// addUniformCounts does (xoshiro128**: result = rotl(b × 5, 7) × 9, then the state's XORs and rotation).
const [I32, I64, V128] = [0x7f, 0x7e, 0x7b];
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    const low = v & 0x7f;
    v >>>= 7;
    out.push(v ? low | 0x80 : low);
  } while (v);
  return out;
};
/** A constant i32 small enough for one signed LEB byte. */
const i32 = (v: number) => [0x41, v];
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const [BLOCK, LOOP, END] = [[0x02, 0x40], [0x03, 0x40], 0x0b];
const BR = (depth: number) => [0x0c, depth];
const BR_IF = (depth: number) => [0x0d, depth];
const I64_CONST = (v: number) => [0x42, v];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => vec([...s].map((ch) => [ch.charCodeAt(0)]));
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const [MUL, XOR, SHL, ROTL, ADD, GE_U] = [0x6c, 0x73, 0x74, 0x77, 0x6a, 0x4f];
const LOAD = (offset: number) => [0x28, 2, offset];
const STORE = (offset: number) => [0x36, 2, offset];
const LOAD16_U = [0x2f, 1, 0];
const [I64_EXTEND_U, I64_MUL, I64_SHR_U, I32_WRAP] = [0xad, 0x7e, 0x88, 0xa7];
const SIMD_OP = (op: number) => [0xfd, ...uleb(op)];
const V_LOAD = (offset: number) => [...SIMD_OP(0x00), 4, offset];
const V_STORE = (offset: number) => [...SIMD_OP(0x0b), 4, offset];
const [SPLAT, V_OR, V_XOR] = [SIMD_OP(0x11), SIMD_OP(0x50), SIMD_OP(0x51)];
const [V_SHL, V_SHR_U, V_ADD] = [SIMD_OP(0xab), SIMD_OP(0xad), SIMD_OP(0xae)];
const EXTRACT = (lane: number) => [...SIMD_OP(0x1b), lane];
const [MUL_LOW_U, MUL_HIGH_U] = [SIMD_OP(0xde), SIMD_OP(0xdf)];
/** The high words of two i64x2 products, in lane order: the indices of the four draws. */
const HIGH_WORDS = [...SIMD_OP(0x0d), 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];

const wasmModule = (fn: string, params: number, locals: number[][], body: number[]) =>
  new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec(Array.from({ length: params }, () => [I32])), 0]])), // type: (i32 × params) → ()
    ...section(2, vec([[...name('m'), ...name('memory'), 0x02, 0x00, 0x01]])), // import memory, at least 1 page
    ...section(3, vec([[0]])), // one function of type 0
    ...section(7, vec([[...name(fn), 0x00, 0]])), // export it
    ...section(10, vec([[...uleb(body.length + vec(locals).length), ...vec(locals), ...body]])),
  ]);

// Parameters, then locals: a b c d result t j (i32) and n64 (i64) for draw; j addr and each lane's counts (i32), then
// a b c d x t n (v128) for draw4.
const [STATE, COUNTS, GROUP, N, DRAWS, STRIDE] = [0, 1, 2, 3, 4, 5];
const [A, B, C, D, RESULT, T, J, N64] = [5, 6, 7, 8, 9, 10, 11, 12];
const xorInto = (into: number, other: number) => [...get(into), ...get(other), XOR, ...set(into)];
const word = (i: number, local: number) => [...get(STATE), ...LOAD(4 * i), ...set(local)];
const putWord = (i: number, local: number) => [...get(STATE), ...get(local), ...STORE(4 * i)];
const SCALAR = wasmModule(
  'draw',
  5,
  [
    [7, I32],
    [1, I64],
  ],
  [
    ...[...word(0, A), ...word(1, B), ...word(2, C), ...word(3, D)],
    ...[...get(N), I64_EXTEND_U, ...set(N64)],
    ...BLOCK,
    ...LOOP,
    // j ≥ draws: out of the block
    ...[...get(J), ...get(DRAWS), GE_U, ...BR_IF(1)],
    // result = rotl(b × 5, 7) × 9; t = b << 9; c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11)
    ...[...get(B), ...i32(5), MUL, ...i32(7), ROTL, ...i32(9), MUL, ...set(RESULT)],
    ...[...get(B), ...i32(9), SHL, ...set(T)],
    ...[...xorInto(C, A), ...xorInto(D, B), ...xorInto(B, C), ...xorInto(A, D), ...xorInto(C, T)],
    ...[...get(D), ...i32(11), ROTL, ...set(D)],
    // counts + 4 × groupOf[(result × n) >> 32], kept in t (free until the next step), then += 1 there
    ...get(COUNTS),
    ...[...get(RESULT), I64_EXTEND_U, ...get(N64), I64_MUL, ...I64_CONST(32), I64_SHR_U, I32_WRAP],
    ...[...i32(1), SHL, ...get(GROUP), ADD, ...LOAD16_U],
    ...[...i32(2), SHL, ADD, ...tee(T)],
    ...[...get(T), ...LOAD(0), ...i32(1), ADD, ...STORE(0)],
    ...[...get(J), ...i32(1), ADD, ...set(J)],
    ...BR(0),
    END, // the loop
    END, // the block
    ...[...putWord(0, A), ...putWord(1, B), ...putWord(2, C), ...putWord(3, D)],
    END,
  ],
);

const [J4, ADDR, LANE0] = [6, 7, 8]; // LANE0 … LANE0 + 3: each lane's counts
const [VA, VB, VC, VD, VX, VT, VN] = [12, 13, 14, 15, 16, 17, 18];
const vXorInto = (into: number, other: number) => [...get(into), ...get(other), ...V_XOR, ...set(into)];
const vRotl = (local: number, k: number) => [
  ...[...get(local), ...i32(k), ...V_SHL, ...get(local), ...i32(32 - k), ...V_SHR_U, ...V_OR],
];
/** counts_lane[groupOf[index in lane]] += 1 */
const countLane = (lane: number) => [
  ...[...get(VX), ...EXTRACT(lane), ...i32(1), SHL, ...get(GROUP), ADD, ...LOAD16_U],
  ...[...i32(2), SHL, ...get(LANE0 + lane), ADD, ...tee(ADDR)],
  ...[...get(ADDR), ...LOAD(0), ...i32(1), ADD, ...STORE(0)],
];
const SIMD = wasmModule(
  'draw4',
  6,
  [
    [6, I32],
    [7, V128],
  ],
  [
    ...[...get(STATE), ...V_LOAD(0), ...set(VA), ...get(STATE), ...V_LOAD(16), ...set(VB)],
    ...[...get(STATE), ...V_LOAD(32), ...set(VC), ...get(STATE), ...V_LOAD(48), ...set(VD)],
    ...[...get(N), ...SPLAT, ...set(VN)],
    ...[0, 1, 2, 3].flatMap((lane) => [...get(COUNTS), ...get(STRIDE), ...i32(lane), MUL, ADD, ...set(LANE0 + lane)]),
    ...BLOCK,
    ...LOOP,
    ...[...get(J4), ...get(DRAWS), GE_U, ...BR_IF(1)],
    // x = rotl(b × 5, 7) × 9, the products as shifts and adds (a vector multiply costs more here)
    ...[...get(VB), ...get(VB), ...i32(2), ...V_SHL, ...V_ADD, ...set(VX)],
    ...[...vRotl(VX, 7), ...set(VX)],
    ...[...get(VX), ...get(VX), ...i32(3), ...V_SHL, ...V_ADD, ...set(VX)],
    ...[...get(VB), ...i32(9), ...V_SHL, ...set(VT)],
    ...[...vXorInto(VC, VA), ...vXorInto(VD, VB), ...vXorInto(VB, VC), ...vXorInto(VA, VD), ...vXorInto(VC, VT)],
    ...[...vRotl(VD, 11), ...set(VD)],
    // each lane's index: the high word of its unsigned 64-bit product with n
    ...[...get(VX), ...get(VN), ...MUL_LOW_U, ...get(VX), ...get(VN), ...MUL_HIGH_U, ...HIGH_WORDS, ...set(VX)],
    ...[0, 1, 2, 3].flatMap(countLane),
    ...[...get(J4), ...i32(1), ADD, ...set(J4)],
    ...BR(0),
    END,
    END,
    ...[...get(STATE), ...get(VA), ...V_STORE(0), ...get(STATE), ...get(VB), ...V_STORE(16)],
    ...[...get(STATE), ...get(VC), ...V_STORE(32), ...get(STATE), ...get(VD), ...V_STORE(48)],
    END,
  ],
);
