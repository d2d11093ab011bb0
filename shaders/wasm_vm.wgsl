// wasm_vm.wgsl: a WebAssembly (MVP) interpreter. One invocation runs one VM
// instance; a dispatch runs a batch of instances of the same program.
//
// The host (vm/lower.go) has already validated and lowered the module into a
// code buffer of fixed-width instructions: 4 words each (op, a, b, c), with
// branch targets, stack heights and arities resolved. Opcodes below 0x100 are
// the WebAssembly opcode byte; 0xe0+k is 0xfc k; 0x100 jump, 0x101 br_unless.
//
// Values are two words (i64/f64 as lo, hi; i32/f32 use the low word). An
// instance's state (header, globals, call frames, value stack) lives in
// `state` at instance * state_stride; its linear memory in `mem` at
// instance * mem_words. `io` carries the arguments in and the outcome out.
// Layout constants are mirrored in vm/gpu_layout.go.

struct Params {
    count: u32,         // instances in this dispatch
    entry: u32,         // function index to invoke (unless io says otherwise)
    fuel_slice: u32,    // instructions each instance may run in this dispatch
    fuel_left_lo: u32,  // total fuel: instructions allowed overall
    fuel_left_hi: u32,
    stack_slots: u32,   // value stack slots per instance
    max_depth: u32,     // call frames per instance
    state_stride: u32,  // words per instance in `state`
    mem_words: u32,     // words per instance in `mem`
    mem_max_pages: u32, // memory.grow limit (already min'd with the module's max)
    run_start: u32,     // start function index + 1, or 0
    io_stride: u32,     // words per instance in `io`
}

@group(0) @binding(0) var<storage, read> code: array<u32>;
@group(0) @binding(1) var<storage, read_write> state: array<u32>;
@group(0) @binding(2) var<storage, read_write> mem: array<u32>;
@group(0) @binding(3) var<storage, read_write> io: array<u32>;
@group(0) @binding(4) var<storage, read> image: array<u32>;
@group(0) @binding(5) var<uniform> params: Params;

// State header words.
const ST_STATUS: u32 = 0u; // 0 fresh, 1 suspended, 2 done, 3 trapped
const ST_PC: u32 = 1u;
const ST_SP: u32 = 2u;
const ST_FP: u32 = 3u;
const ST_DEPTH: u32 = 4u;
const ST_FUNC: u32 = 5u;
const ST_FUEL_LO: u32 = 6u;
const ST_FUEL_HI: u32 = 7u;
const ST_PAGES: u32 = 8u;
const ST_TRAP: u32 = 9u;
const ST_TRAP_PC: u32 = 10u;
const ST_TRAP_FUNC: u32 = 11u;
const ST_DIRTY: u32 = 12u;
const ST_HEADER: u32 = 16u;

// io words per instance: outcome header, then values (2 words each).
const IO_STATUS: u32 = 0u;
const IO_TRAP: u32 = 1u;
const IO_TRAP_PC: u32 = 2u;
const IO_TRAP_FUNC: u32 = 3u;
const IO_FUEL_LO: u32 = 4u;
const IO_FUEL_HI: u32 = 5u;
const IO_DIRTY: u32 = 6u;
const IO_PAGES: u32 = 7u;
const IO_ENTRY: u32 = 8u; // in: function index + 1 for this instance, 0: params.entry
const IO_VALUES: u32 = 10u;

// Code header words.
const H_INSTR: u32 = 0u;
const H_FUNCS: u32 = 1u;
const H_TABLE: u32 = 3u;
const H_TABLE_SIZE: u32 = 4u;
const H_GLOBALS: u32 = 7u;
const H_NUM_GLOBALS: u32 = 8u;
const H_MEM_MIN: u32 = 9u;
const H_MEM_MAX: u32 = 10u;
const FUNC_WORDS: u32 = 8u;

// Trap kinds (vm.TrapKind).
const T_UNREACHABLE: u32 = 1u;
const T_DIV_ZERO: u32 = 2u;
const T_OVERFLOW: u32 = 3u;
const T_CONVERSION: u32 = 4u;
const T_MEMORY: u32 = 5u;
const T_UNDEF_ELEM: u32 = 6u;
const T_UNINIT_ELEM: u32 = 7u;
const T_SIG_MISMATCH: u32 = 8u;
const T_STACK: u32 = 9u;
const T_FUEL: u32 = 10u;
const T_NEEDS_CPU: u32 = 12u; // an instruction this shader does not implement

const CANON_NAN: u32 = 0x7fc00000u;

// Registers of the running instance.
var<private> sbase: u32;  // state base word
var<private> gbase: u32;  // globals base word
var<private> fbase: u32;  // call frame base word
var<private> vbase: u32;  // value stack base word
var<private> mbase: u32;  // memory base word
var<private> pc: u32;
var<private> sp: u32;
var<private> fp: u32;
var<private> depth: u32;
var<private> cur_func: u32;
var<private> pages: u32;
var<private> trap_kind: u32;
var<private> finished: bool;
var<private> dirty: u32;
var<private> grow_limited: u32;
var<private> instr_base: u32;

// ---- value stack ----

fn push32(v: u32) {
    state[vbase + 2u * sp] = v;
    sp += 1u;
}

fn push64(v: vec2<u32>) {
    let i = vbase + 2u * sp;
    state[i] = v.x;
    state[i + 1u] = v.y;
    sp += 1u;
}

fn pop32() -> u32 {
    sp -= 1u;
    return state[vbase + 2u * sp];
}

fn pop64() -> vec2<u32> {
    sp -= 1u;
    let i = vbase + 2u * sp;
    return vec2<u32>(state[i], state[i + 1u]);
}

fn get_slot(s: u32) -> vec2<u32> {
    let i = vbase + 2u * s;
    return vec2<u32>(state[i], state[i + 1u]);
}

fn set_slot(s: u32, v: vec2<u32>) {
    let i = vbase + 2u * s;
    state[i] = v.x;
    state[i + 1u] = v.y;
}

fn trap(kind: u32) {
    if trap_kind == 0u {
        trap_kind = kind;
    }
}

// ---- control ----

fn branch(dest_pc: u32, height: u32, arity: u32) {
    let dst = fp + height;
    let src = sp - arity;
    if dst != src {
        for (var i = 0u; i < arity; i += 1u) {
            set_slot(dst + i, get_slot(src + i));
        }
    }
    sp = dst + arity;
    pc = dest_pc;
}

fn call_func(f: u32) {
    let fi = code[H_FUNCS] + f * FUNC_WORDS;
    let nparams = code[fi + 1u];
    let nlocals = code[fi + 2u];
    let max_height = code[fi + 5u];
    let new_fp = sp - nparams;
    if depth >= params.max_depth || new_fp + max_height > params.stack_slots {
        trap(T_STACK);
        return;
    }
    let fr = fbase + 4u * depth;
    state[fr] = pc;
    state[fr + 1u] = fp;
    state[fr + 2u] = cur_func;
    depth += 1u;
    for (var i = 0u; i < nlocals; i += 1u) {
        set_slot(sp + i, vec2<u32>(0u, 0u));
    }
    fp = new_fp;
    sp = new_fp + nparams + nlocals;
    cur_func = f;
    pc = code[fi];
}

fn do_return() {
    let fi = code[H_FUNCS] + cur_func * FUNC_WORDS;
    let nres = code[fi + 3u];
    let src = sp - nres;
    for (var i = 0u; i < nres; i += 1u) {
        set_slot(fp + i, get_slot(src + i));
    }
    sp = fp + nres;
    depth -= 1u;
    let fr = fbase + 4u * depth;
    pc = state[fr];
    fp = state[fr + 1u];
    cur_func = state[fr + 2u];
    if depth == 0u {
        finished = true;
    }
}

// ---- linear memory ----

// addr_ok reports whether n bytes at addr+off lie inside memory; it traps otherwise.
fn ea_of(addr: u32, off: u32, n: u32) -> u32 {
    let ea = addr + off;
    let size = pages * 65536u;
    if ea < addr || size < n || ea > size - n {
        trap(T_MEMORY);
        return 0u;
    }
    return ea;
}

fn load_bytes(ea: u32, n: u32) -> u32 {
    let w = mbase + (ea >> 2u);
    let s = (ea & 3u) * 8u;
    var v = mem[w] >> s;
    if s != 0u && (s / 8u) + n > 4u {
        v = v | (mem[w + 1u] << (32u - s));
    }
    if n == 4u {
        return v;
    }
    return v & ((1u << (8u * n)) - 1u);
}

fn store_byte(ea: u32, b: u32) {
    let w = mbase + (ea >> 2u);
    let s = (ea & 3u) * 8u;
    mem[w] = (mem[w] & ~(0xffu << s)) | ((b & 0xffu) << s);
}

fn store_bytes(ea: u32, v: u32, n: u32) {
    dirty = 1u;
    if n == 4u && (ea & 3u) == 0u {
        mem[mbase + (ea >> 2u)] = v;
        return;
    }
    for (var i = 0u; i < n; i += 1u) {
        store_byte(ea + i, v >> (8u * i));
    }
}

// ---- i64 helpers (vec2: x low word, y high word) ----

fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    let lo = a.x + b.x;
    return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}

fn sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}

fn neg64(a: vec2<u32>) -> vec2<u32> {
    return sub64(vec2<u32>(0u, 0u), a);
}

fn mul_wide(a: u32, b: u32) -> vec2<u32> {
    let a0 = a & 0xffffu;
    let a1 = a >> 16u;
    let b0 = b & 0xffffu;
    let b1 = b >> 16u;
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
    return vec2<u32>((p00 & 0xffffu) | (mid << 16u), p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}

fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    let p = mul_wide(a.x, b.x);
    return vec2<u32>(p.x, p.y + a.x * b.y + a.y * b.x);
}

fn lt_u64(a: vec2<u32>, b: vec2<u32>) -> bool {
    return a.y < b.y || (a.y == b.y && a.x < b.x);
}

fn lt_s64(a: vec2<u32>, b: vec2<u32>) -> bool {
    if a.y != b.y {
        return bitcast<i32>(a.y) < bitcast<i32>(b.y);
    }
    return a.x < b.x;
}

fn shl64(a: vec2<u32>, k: u32) -> vec2<u32> {
    let n = k & 63u;
    if n == 0u {
        return a;
    }
    if n < 32u {
        return vec2<u32>(a.x << n, (a.y << n) | (a.x >> (32u - n)));
    }
    return vec2<u32>(0u, a.x << (n - 32u));
}

fn shr_u64(a: vec2<u32>, k: u32) -> vec2<u32> {
    let n = k & 63u;
    if n == 0u {
        return a;
    }
    if n < 32u {
        return vec2<u32>((a.x >> n) | (a.y << (32u - n)), a.y >> n);
    }
    return vec2<u32>(a.y >> (n - 32u), 0u);
}

fn shr_s64(a: vec2<u32>, k: u32) -> vec2<u32> {
    let n = k & 63u;
    let sign = bitcast<u32>(bitcast<i32>(a.y) >> 31u);
    if n == 0u {
        return a;
    }
    if n < 32u {
        return vec2<u32>((a.x >> n) | (a.y << (32u - n)), bitcast<u32>(bitcast<i32>(a.y) >> n));
    }
    return vec2<u32>(bitcast<u32>(bitcast<i32>(a.y) >> (n - 32u)), sign);
}

fn clz64(a: vec2<u32>) -> u32 {
    if a.y != 0u {
        return countLeadingZeros(a.y);
    }
    return 32u + countLeadingZeros(a.x);
}

fn ctz64(a: vec2<u32>) -> u32 {
    if a.x != 0u {
        return countTrailingZeros(a.x);
    }
    return 32u + countTrailingZeros(a.y);
}

var<private> dq: vec2<u32>;
var<private> dr: vec2<u32>;

// divmod_u64 sets dq, dr to n / d and n % d (d != 0).
fn divmod_u64(n: vec2<u32>, d: vec2<u32>) {
    if n.y == 0u && d.y == 0u {
        dq = vec2<u32>(n.x / d.x, 0u);
        dr = vec2<u32>(n.x % d.x, 0u);
        return;
    }
    var q = vec2<u32>(0u, 0u);
    var r = vec2<u32>(0u, 0u);
    let top = 64u - clz64(n);
    for (var i = top; i > 0u; i -= 1u) {
        let bit = (shr_u64(n, i - 1u).x) & 1u;
        r = vec2<u32>((r.x << 1u) | bit, (r.y << 1u) | (r.x >> 31u));
        q = shl64(q, 1u);
        if !lt_u64(r, d) {
            r = sub64(r, d);
            q.x = q.x | 1u;
        }
    }
    dq = q;
    dr = r;
}

fn is_neg64(a: vec2<u32>) -> bool {
    return (a.y >> 31u) != 0u;
}

fn abs64(a: vec2<u32>) -> vec2<u32> {
    if is_neg64(a) {
        return neg64(a);
    }
    return a;
}

// ---- f32 helpers (bit patterns as u32) ----

fn f32_is_nan(a: u32) -> bool {
    return (a & 0x7fffffffu) > 0x7f800000u;
}

fn quiet(a: u32) -> u32 {
    return a | 0x00400000u;
}

// nan_fix applies the Wasm NaN rules to an arithmetic result r of inputs a, b.
fn nan_fix(r: u32, a: u32, b: u32) -> u32 {
    if !f32_is_nan(r) {
        return r;
    }
    if f32_is_nan(a) {
        return quiet(a);
    }
    if f32_is_nan(b) {
        return quiet(b);
    }
    return CANON_NAN;
}

fn f32_key(a: u32) -> u32 {
    if (a >> 31u) != 0u {
        return ~a;
    }
    return a | 0x80000000u;
}

fn f32_eq(a: u32, b: u32) -> bool {
    if f32_is_nan(a) || f32_is_nan(b) {
        return false;
    }
    return a == b || ((a | b) & 0x7fffffffu) == 0u;
}

fn f32_lt(a: u32, b: u32) -> bool {
    if f32_is_nan(a) || f32_is_nan(b) || ((a | b) & 0x7fffffffu) == 0u {
        return false;
    }
    return f32_key(a) < f32_key(b);
}

fn f32_min(a: u32, b: u32) -> u32 {
    if f32_is_nan(a) {
        return quiet(a);
    }
    if f32_is_nan(b) {
        return quiet(b);
    }
    if ((a | b) & 0x7fffffffu) == 0u {
        return a | b;
    }
    return select(b, a, f32_lt(a, b));
}

fn f32_max(a: u32, b: u32) -> u32 {
    if f32_is_nan(a) {
        return quiet(a);
    }
    if f32_is_nan(b) {
        return quiet(b);
    }
    if ((a | b) & 0x7fffffffu) == 0u {
        return a & b;
    }
    return select(a, b, f32_lt(a, b));
}

// f32_round rounds to an integral value: mode 0 ceil, 1 floor, 2 trunc,
// 3 nearest-even. Integer arithmetic on the bits, so subnormal inputs and
// signed zeros come out exact whatever the device does with floats.
fn f32_round(a: u32, mode: u32) -> u32 {
    let e = (a >> 23u) & 0xffu;
    let neg = (a >> 31u) != 0u;
    let sign = a & 0x80000000u;
    let mag = a & 0x7fffffffu;
    if mag > 0x7f800000u {
        return quiet(a);
    }
    if e >= 150u || mag == 0u {
        return a;
    }
    if e < 127u {
        // 0 < |a| < 1
        var r = sign;
        if mode == 0u && !neg {
            r = 0x3f800000u;
        }
        if mode == 1u && neg {
            r = 0xbf800000u;
        }
        if mode == 3u && e == 126u && (a & 0x7fffffu) != 0u {
            r = sign | 0x3f800000u;
        }
        return r;
    }
    let f = 150u - e;
    let unit = 1u << f;
    let mask = unit - 1u;
    let frac = a & mask;
    if frac == 0u {
        return a;
    }
    let t = a & ~mask;
    var up = false;
    if mode == 0u {
        up = !neg;
    } else if mode == 1u {
        up = neg;
    } else if mode == 3u {
        let half = unit >> 1u;
        up = frac > half || (frac == half && (t & unit) != 0u);
    }
    if up {
        return t + unit;
    }
    return t;
}

// u64_to_f32 converts a magnitude to f32 with round-to-nearest-even.
fn u64_to_f32(v: vec2<u32>, sign: u32) -> u32 {
    if v.x == 0u && v.y == 0u {
        return 0u;
    }
    let p = 63u - clz64(v);
    if p <= 23u {
        let m = v.x << (23u - p);
        return sign | ((p + 127u) << 23u) | (m & 0x7fffffu);
    }
    let shift = p - 23u;
    var m = shr_u64(v, shift).x;
    let one = shl64(vec2<u32>(1u, 0u), shift);
    let rem = sub64(v, shl64(vec2<u32>(m, 0u), shift));
    let half = shr_u64(one, 1u);
    if lt_u64(half, rem) || (rem.x == half.x && rem.y == half.y && (m & 1u) != 0u) {
        m += 1u;
    }
    var e = p + 127u;
    if m == 0x1000000u {
        m = m >> 1u;
        e += 1u;
    }
    return sign | (e << 23u) | (m & 0x7fffffu);
}

// f32_trunc_int truncates f32 bits toward zero into a 64-bit magnitude;
// trunc_ok is false when |a| >= 2^64 or a is NaN.
var<private> trunc_ok: bool;

fn f32_trunc_mag(a: u32) -> vec2<u32> {
    trunc_ok = true;
    let e = (a >> 23u) & 0xffu;
    if e == 0xffu || e >= 127u + 64u {
        trunc_ok = false;
        return vec2<u32>(0u, 0u);
    }
    if e < 127u {
        return vec2<u32>(0u, 0u);
    }
    let m = (a & 0x7fffffu) | 0x800000u;
    if e >= 150u {
        return shl64(vec2<u32>(m, 0u), e - 150u);
    }
    return vec2<u32>(m >> (150u - e), 0u);
}

// trunc_f32 converts with Wasm semantics: kind 0 i32_s, 1 i32_u, 2 i64_s,
// 3 i64_u; saturating when sat is true, trapping otherwise.
fn trunc_f32(a: u32, kind: u32, sat: bool) -> vec2<u32> {
    return trunc_to_int(f32_trunc_mag(a), f32_is_nan(a), (a >> 31u) != 0u, kind, sat);
}

// trunc_to_int finishes a float->int truncation from the truncated
// magnitude (trunc_ok false when out of any range): kind 0 i32_s, 1 i32_u,
// 2 i64_s, 3 i64_u; saturating when sat, trapping otherwise.
fn trunc_to_int(mag: vec2<u32>, nan: bool, neg: bool, kind: u32, sat: bool) -> vec2<u32> {
    if nan {
        if !sat {
            trap(T_CONVERSION);
        }
        return vec2<u32>(0u, 0u);
    }
    var maxp: vec2<u32>; // largest magnitude allowed for positive results
    var maxn: vec2<u32>; // largest magnitude allowed for negative results
    switch kind {
        case 0u: {
            maxp = vec2<u32>(0x7fffffffu, 0u);
            maxn = vec2<u32>(0x80000000u, 0u);
        }
        case 1u: {
            maxp = vec2<u32>(0xffffffffu, 0u);
            maxn = vec2<u32>(0u, 0u);
        }
        case 2u: {
            maxp = vec2<u32>(0xffffffffu, 0x7fffffffu);
            maxn = vec2<u32>(0u, 0x80000000u);
        }
        default: {
            maxp = vec2<u32>(0xffffffffu, 0xffffffffu);
            maxn = vec2<u32>(0u, 0u);
        }
    }
    var lim = maxp;
    if neg {
        lim = maxn;
    }
    if !trunc_ok || lt_u64(lim, mag) {
        if !sat {
            trap(T_OVERFLOW);
            return vec2<u32>(0u, 0u);
        }
        if neg {
            return neg64(maxn);
        }
        return maxp;
    }
    if neg {
        return neg64(mag);
    }
    return mag;
}


// ---- f64 on bit patterns (vec2: lo, hi), all in integer arithmetic:
// WGSL has no f64. ----

fn f64_is_nan(a: vec2<u32>) -> bool {
    let h = a.y & 0x7fffffffu;
    return h > 0x7ff00000u || (h == 0x7ff00000u && a.x != 0u);
}

fn f64_quiet(a: vec2<u32>) -> vec2<u32> {
    return vec2<u32>(a.x, a.y | 0x00080000u);
}

fn f64_both_zero(a: vec2<u32>, b: vec2<u32>) -> bool {
    return ((a.y | b.y) & 0x7fffffffu) == 0u && (a.x | b.x) == 0u;
}

fn f64_key(a: vec2<u32>) -> vec2<u32> {
    if (a.y >> 31u) != 0u {
        return ~a;
    }
    return vec2<u32>(a.x, a.y | 0x80000000u);
}

fn f64_eq(a: vec2<u32>, b: vec2<u32>) -> bool {
    if f64_is_nan(a) || f64_is_nan(b) {
        return false;
    }
    return (a.x == b.x && a.y == b.y) || f64_both_zero(a, b);
}

fn f64_lt(a: vec2<u32>, b: vec2<u32>) -> bool {
    if f64_is_nan(a) || f64_is_nan(b) || f64_both_zero(a, b) {
        return false;
    }
    return lt_u64(f64_key(a), f64_key(b));
}

fn f64_minmax(a: vec2<u32>, b: vec2<u32>, is_max: bool) -> vec2<u32> {
    if f64_is_nan(a) {
        return f64_quiet(a);
    }
    if f64_is_nan(b) {
        return f64_quiet(b);
    }
    if f64_both_zero(a, b) {
        if is_max {
            return a & b;
        }
        return a | b;
    }
    let a_lt_b = f64_lt(a, b);
    if a_lt_b != is_max {
        return a;
    }
    return b;
}

// f64_round: mode 0 ceil, 1 floor, 2 trunc, 3 nearest-even (as f32_round).
fn f64_round(a: vec2<u32>, mode: u32) -> vec2<u32> {
    if f64_is_nan(a) {
        return f64_quiet(a);
    }
    let e = (a.y >> 20u) & 0x7ffu;
    let neg = (a.y >> 31u) != 0u;
    let sign = a.y & 0x80000000u;
    if e >= 1075u || ((a.y & 0x7fffffffu) | a.x) == 0u {
        return a;
    }
    if e < 1023u {
        var r = vec2<u32>(0u, sign);
        if mode == 0u && !neg {
            r = vec2<u32>(0u, 0x3ff00000u);
        }
        if mode == 1u && neg {
            r = vec2<u32>(0u, 0xbff00000u);
        }
        if mode == 3u && e == 1022u && ((a.y & 0xfffffu) | a.x) != 0u {
            r = vec2<u32>(0u, sign | 0x3ff00000u);
        }
        return r;
    }
    let f = 1075u - e;
    let unit = shl64(vec2<u32>(1u, 0u), f);
    let mask = sub64(unit, vec2<u32>(1u, 0u));
    let frac = a & mask;
    if (frac.x | frac.y) == 0u {
        return a;
    }
    let t = a & ~mask;
    var up = false;
    if mode == 0u {
        up = !neg;
    } else if mode == 1u {
        up = neg;
    } else if mode == 3u {
        let half = shr_u64(unit, 1u);
        let tie = frac.x == half.x && frac.y == half.y;
        up = lt_u64(half, frac) || (tie && ((t & unit).x | (t & unit).y) != 0u);
    }
    if up {
        return add64(t, unit);
    }
    return t;
}

// round_shift returns v >> shift rounded to nearest-even (1 <= shift <= 63).
fn round_shift(v: vec2<u32>, shift: u32) -> vec2<u32> {
    var q = shr_u64(v, shift);
    let rem = sub64(v, shl64(q, shift));
    let half = shl64(vec2<u32>(1u, 0u), shift - 1u);
    if lt_u64(half, rem) || (rem.x == half.x && rem.y == half.y && (q.x & 1u) != 0u) {
        q = add64(q, vec2<u32>(1u, 0u));
    }
    return q;
}

// u64_to_f64 converts a magnitude with round-to-nearest-even.
fn u64_to_f64(v: vec2<u32>, sign: u32) -> vec2<u32> {
    if v.x == 0u && v.y == 0u {
        return vec2<u32>(0u, sign);
    }
    let p = 63u - clz64(v);
    var m: vec2<u32>;
    var e = p + 1023u;
    if p <= 52u {
        m = shl64(v, 52u - p);
    } else {
        m = round_shift(v, p - 52u);
        if m.y == 0x00200000u {
            m = shr_u64(m, 1u);
            e += 1u;
        }
    }
    return vec2<u32>(m.x, sign | (e << 20u) | (m.y & 0xfffffu));
}

fn f64_promote(a: u32) -> vec2<u32> {
    let sign = a & 0x80000000u;
    let e = (a >> 23u) & 0xffu;
    let m = a & 0x7fffffu;
    if e == 0xffu {
        if m != 0u {
            let p = shl64(vec2<u32>(m, 0u), 29u);
            return vec2<u32>(p.x, sign | 0x7ff80000u | p.y);
        }
        return vec2<u32>(0u, sign | 0x7ff00000u);
    }
    if e == 0u {
        if m == 0u {
            return vec2<u32>(0u, sign);
        }
        let p = 31u - countLeadingZeros(m);
        let frac = shl64(vec2<u32>(m, 0u), 52u - p);
        return vec2<u32>(frac.x, sign | ((p + 1023u - 149u) << 20u) | (frac.y & 0xfffffu));
    }
    let frac = shl64(vec2<u32>(m, 0u), 29u);
    return vec2<u32>(frac.x, sign | ((e + 896u) << 20u) | frac.y);
}

fn f32_demote(a: vec2<u32>) -> u32 {
    let sign = a.y & 0x80000000u;
    let e = (a.y >> 20u) & 0x7ffu;
    if e == 0x7ffu {
        if f64_is_nan(a) {
            return sign | 0x7fc00000u | (shr_u64(a, 29u).x & 0x3fffffu);
        }
        return sign | 0x7f800000u;
    }
    if e == 0u {
        return sign; // f64 subnormals are far below f32's smallest subnormal
    }
    let mant = vec2<u32>(a.x, (a.y & 0xfffffu) | 0x100000u); // 53 bits
    let E = i32(e) - 1023;
    if E > 127 {
        return sign | 0x7f800000u;
    }
    if E >= -126 {
        var m = round_shift(mant, 29u).x; // 24 bits, maybe 2^24 after rounding
        var be = u32(E + 127);
        if m == 0x1000000u {
            m = m >> 1u;
            be += 1u;
        }
        if be >= 255u {
            return sign | 0x7f800000u;
        }
        return sign | (be << 23u) | (m & 0x7fffffu);
    }
    let shift = u32(29 + (-126 - E));
    if shift > 54u {
        return sign;
    }
    return sign | round_shift(mant, shift).x;
}

fn f64_trunc_mag(a: vec2<u32>) -> vec2<u32> {
    trunc_ok = true;
    let e = (a.y >> 20u) & 0x7ffu;
    if e == 0x7ffu || e >= 1023u + 64u {
        trunc_ok = false;
        return vec2<u32>(0u, 0u);
    }
    if e < 1023u {
        return vec2<u32>(0u, 0u);
    }
    let m = vec2<u32>(a.x, (a.y & 0xfffffu) | 0x100000u);
    if e >= 1075u {
        return shl64(m, e - 1075u);
    }
    return shr_u64(m, 1075u - e);
}

fn trunc_f64(a: vec2<u32>, kind: u32, sat: bool) -> vec2<u32> {
    return trunc_to_int(f64_trunc_mag(a), f64_is_nan(a), (a.y >> 31u) != 0u, kind, sat);
}


// ---- software f64 arithmetic: exact IEEE round-to-nearest-even ----

// shr_sticky shifts right by k, ORing every bit shifted out into bit 0.
fn shr_sticky(m: vec2<u32>, k: u32) -> vec2<u32> {
    if k == 0u {
        return m;
    }
    if k >= 64u {
        return vec2<u32>(select(0u, 1u, (m.x | m.y) != 0u), 0u);
    }
    var r = shr_u64(m, k);
    let back = shl64(r, k);
    if back.x != m.x || back.y != m.y {
        r.x = r.x | 1u;
    }
    return r;
}

// f64_round_pack encodes sign * m * 2^(e - 1023 - 62) (bit 0 of m sticky),
// normalising m, rounding to nearest-even, with subnormals and overflow.
fn f64_round_pack(sign: u32, e_in: i32, m_in: vec2<u32>) -> vec2<u32> {
    var m = m_in;
    var e = e_in;
    if (m.x | m.y) == 0u {
        return vec2<u32>(0u, sign);
    }
    let lz = clz64(m);
    if lz == 0u {
        m = shr_sticky(m, 1u);
        e += 1;
    } else if lz > 1u {
        m = shl64(m, lz - 1u);
        e -= i32(lz - 1u);
    }
    if e >= 2047 {
        return vec2<u32>(0u, sign | 0x7ff00000u);
    }
    if e <= 0 {
        m = shr_sticky(m, u32(1 - e));
        e = 0;
    }
    let q = round_shift(m, 10u);
    var bits = q;
    if e >= 1 {
        bits = add64(q, vec2<u32>(0u, u32(e - 1) << 20u));
    }
    return vec2<u32>(bits.x, bits.y | sign);
}

// f64_parts: significand with the implicit bit (normalised so its leading
// bit is bit 52 even for subnormals) and the matching biased exponent.
var<private> part_m: vec2<u32>;
var<private> part_e: i32;

fn f64_parts(a: vec2<u32>) {
    let e = (a.y >> 20u) & 0x7ffu;
    var m = vec2<u32>(a.x, a.y & 0xfffffu);
    if e == 0u {
        let lz = clz64(m); // >= 12 for a nonzero subnormal
        m = shl64(m, lz - 11u);
        part_e = 1 - i32(lz - 11u);
    } else {
        m.y = m.y | 0x100000u;
        part_e = i32(e);
    }
    part_m = m;
}

fn f64_is_inf(a: vec2<u32>) -> bool {
    return (a.y & 0x7fffffffu) == 0x7ff00000u && a.x == 0u;
}

fn f64_is_zero(a: vec2<u32>) -> bool {
    return ((a.y & 0x7fffffffu) | a.x) == 0u;
}

const F64_CANON_NAN_HI: u32 = 0x7ff80000u;

fn f64_nan_of(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    if f64_is_nan(a) {
        return f64_quiet(a);
    }
    if f64_is_nan(b) {
        return f64_quiet(b);
    }
    return vec2<u32>(0u, F64_CANON_NAN_HI);
}

fn f64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    if f64_is_nan(a) || f64_is_nan(b) {
        return f64_nan_of(a, b);
    }
    let sa = a.y & 0x80000000u;
    let sb = b.y & 0x80000000u;
    if f64_is_inf(a) {
        if f64_is_inf(b) && sa != sb {
            return vec2<u32>(0u, F64_CANON_NAN_HI);
        }
        return a;
    }
    if f64_is_inf(b) {
        return b;
    }
    if f64_is_zero(a) && f64_is_zero(b) {
        return vec2<u32>(0u, sa & sb);
    }
    if f64_is_zero(a) {
        return b;
    }
    if f64_is_zero(b) {
        return a;
    }
    f64_parts(a);
    var mx = shl64(part_m, 9u);
    var ex = part_e;
    var sx = sa;
    f64_parts(b);
    var my = shl64(part_m, 9u);
    var ey = part_e;
    if ey > ex || (ey == ex && lt_u64(mx, my)) {
        let tm = mx;
        mx = my;
        my = tm;
        let te = ex;
        ex = ey;
        ey = te;
        sx = sb;
    }
    my = shr_sticky(my, u32(ex - ey));
    var m: vec2<u32>;
    if sa == sb {
        m = add64(mx, my);
    } else {
        m = sub64(mx, my);
        if (m.x | m.y) == 0u {
            return vec2<u32>(0u, 0u);
        }
    }
    return f64_round_pack(sx, ex + 1, m);
}

fn f64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    if f64_is_nan(a) || f64_is_nan(b) {
        return f64_nan_of(a, b);
    }
    let sign = (a.y ^ b.y) & 0x80000000u;
    if f64_is_inf(a) || f64_is_inf(b) {
        if f64_is_zero(a) || f64_is_zero(b) {
            return vec2<u32>(0u, F64_CANON_NAN_HI);
        }
        return vec2<u32>(0u, sign | 0x7ff00000u);
    }
    if f64_is_zero(a) || f64_is_zero(b) {
        return vec2<u32>(0u, sign);
    }
    f64_parts(a);
    let ma = part_m;
    let ea = part_e;
    f64_parts(b);
    let mb = part_m;
    let eb = part_e;
    let p00 = mul_wide(ma.x, mb.x);
    let p01 = mul_wide(ma.x, mb.y);
    let p10 = mul_wide(ma.y, mb.x);
    let p11 = mul_wide(ma.y, mb.y);
    var s = add64(vec2<u32>(p00.y, 0u), vec2<u32>(p01.x, 0u));
    s = add64(s, vec2<u32>(p10.x, 0u));
    let r1 = s.x;
    var t = add64(vec2<u32>(p01.y, 0u), vec2<u32>(p10.y, 0u));
    t = add64(t, vec2<u32>(p11.x, 0u));
    t = add64(t, vec2<u32>(s.y, 0u));
    let r2 = t.x;
    let r3 = p11.y + t.y;
    // Bits 42..105 of the 106-bit product, the rest as sticky.
    var top = vec2<u32>((r2 << 22u) | (r1 >> 10u), (r3 << 22u) | (r2 >> 10u));
    if (r1 & 0x3ffu) != 0u || p00.x != 0u {
        top.x = top.x | 1u;
    }
    return f64_round_pack(sign, ea + eb - 1023, top);
}

fn f64_div(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
    if f64_is_nan(a) || f64_is_nan(b) {
        return f64_nan_of(a, b);
    }
    let sign = (a.y ^ b.y) & 0x80000000u;
    if f64_is_inf(a) {
        if f64_is_inf(b) {
            return vec2<u32>(0u, F64_CANON_NAN_HI);
        }
        return vec2<u32>(0u, sign | 0x7ff00000u);
    }
    if f64_is_inf(b) {
        return vec2<u32>(0u, sign);
    }
    if f64_is_zero(b) {
        if f64_is_zero(a) {
            return vec2<u32>(0u, F64_CANON_NAN_HI);
        }
        return vec2<u32>(0u, sign | 0x7ff00000u);
    }
    if f64_is_zero(a) {
        return vec2<u32>(0u, sign);
    }
    f64_parts(a);
    var r = part_m;
    var ea = part_e;
    f64_parts(b);
    let mb = part_m;
    let eb = part_e;
    if lt_u64(r, mb) {
        r = shl64(r, 1u);
        ea -= 1;
    }
    var q = vec2<u32>(0u, 0u);
    for (var i = 0u; i < 63u; i += 1u) {
        q = shl64(q, 1u);
        if !lt_u64(r, mb) {
            r = sub64(r, mb);
            q.x = q.x | 1u;
        }
        r = shl64(r, 1u);
    }
    if (r.x | r.y) != 0u {
        q.x = q.x | 1u;
    }
    return f64_round_pack(sign, ea - eb + 1023, q);
}

fn f64_sqrt(a: vec2<u32>) -> vec2<u32> {
    if f64_is_nan(a) {
        return f64_quiet(a);
    }
    if f64_is_zero(a) {
        return a;
    }
    if (a.y >> 31u) != 0u {
        return vec2<u32>(0u, F64_CANON_NAN_HI);
    }
    if f64_is_inf(a) {
        return a;
    }
    f64_parts(a);
    var m = part_m;
    var ue = part_e - 1023;
    if (ue & 1) != 0 {
        m = shl64(m, 1u);
        ue -= 1;
    }
    var r = vec2<u32>(0u, 0u);
    var q = vec2<u32>(0u, 0u);
    for (var j = 0u; j < 55u; j += 1u) {
        var pair = 0u;
        if j < 27u {
            pair = shr_u64(m, 52u - 2u * j).x & 3u;
        }
        r = shl64(r, 2u);
        r.x = r.x | pair;
        var tq = shl64(q, 2u);
        tq.x = tq.x | 1u;
        q = shl64(q, 1u);
        if !lt_u64(r, tq) {
            r = sub64(r, tq);
            q.x = q.x | 1u;
        }
    }
    var mm = shl64(q, 8u);
    if (r.x | r.y) != 0u {
        mm.x = mm.x | 1u;
    }
    return f64_round_pack(0u, ue / 2 + 1023, mm);
}

// f32 arithmetic on bit patterns. NaN results are fixed up by nan_fix.
fn f32_add(a: u32, b: u32) -> u32 {
    return bitcast<u32>(bitcast<f32>(a) + bitcast<f32>(b));
}

fn f32_mul(a: u32, b: u32) -> u32 {
    return bitcast<u32>(bitcast<f32>(a) * bitcast<f32>(b));
}

fn f32_div(a: u32, b: u32) -> u32 {
    return bitcast<u32>(bitcast<f32>(a) / bitcast<f32>(b));
}

fn f32_sqrt(a: u32) -> u32 {
    if f32_is_nan(a) {
        return quiet(a);
    }
    if (a >> 31u) != 0u && (a & 0x7fffffffu) != 0u {
        return CANON_NAN;
    }
    return bitcast<u32>(sqrt(bitcast<f32>(a)));
}

// abs32 is the magnitude of a two's-complement i32 (2^31 for i32::MIN).
fn abs32(x: u32) -> u32 {
    return select(x, 0u - x, (x >> 31u) != 0u);
}

fn bool32(b: bool) -> u32 {
    return select(0u, 1u, b);
}

// ---- setup ----

fn init_instance(inst: u32) {
    // Memory and globals from the image: [pages, nglobals, words used,
    // globals (2 words each)..., memory words...].
    pages = image[0];
    let ng = image[1];
    let used = image[2];
    for (var g = 0u; g < 2u * ng; g += 1u) {
        state[gbase + g] = image[3u + g];
    }
    let mstart = 3u + 2u * ng;
    for (var w = 0u; w < used; w += 1u) {
        mem[mbase + w] = image[mstart + w];
    }
    let io0 = inst * params.io_stride;
    var entry = params.entry;
    if io[io0 + IO_ENTRY] != 0u {
        entry = io[io0 + IO_ENTRY] - 1u;
    }
    let fi = code[H_FUNCS] + entry * FUNC_WORDS;
    let nparams = code[fi + 1u];
    for (var i = 0u; i < nparams; i += 1u) {
        let k = io0 + IO_VALUES + 2u * i;
        set_slot(i, vec2<u32>(io[k], io[k + 1u]));
    }
    sp = nparams;
    fp = 0u;
    depth = 0u;
    cur_func = entry;
    pc = 0xffffffffu;
    call_func(entry);
    if params.run_start != 0u && trap_kind == 0u {
        call_func(params.run_start - 1u);
    }
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let inst = gid.x;
    if inst >= params.count {
        return;
    }
    sbase = inst * params.state_stride;
    gbase = sbase + ST_HEADER;
    fbase = gbase + 2u * code[H_NUM_GLOBALS];
    vbase = fbase + 4u * params.max_depth;
    mbase = inst * params.mem_words;
    instr_base = code[H_INSTR];
    trap_kind = 0u;
    finished = false;
    grow_limited = 0u;
    let status = state[sbase + ST_STATUS];
    if status >= 2u {
        return;
    }
    if status == 0u {
        init_instance(inst);
        dirty = 0u;
    } else {
        pc = state[sbase + ST_PC];
        sp = state[sbase + ST_SP];
        fp = state[sbase + ST_FP];
        depth = state[sbase + ST_DEPTH];
        cur_func = state[sbase + ST_FUNC];
        pages = state[sbase + ST_PAGES];
        dirty = state[sbase + ST_DIRTY] & 1u;
        grow_limited = state[sbase + ST_DIRTY] & 2u;
    }
    var fuel_lo = state[sbase + ST_FUEL_LO];
    var fuel_hi = state[sbase + ST_FUEL_HI];
    // Instructions this dispatch may run: the slice, bounded by the fuel left.
    var budget = params.fuel_slice;
    let left = sub64(vec2<u32>(params.fuel_left_lo, params.fuel_left_hi), vec2<u32>(fuel_lo, fuel_hi));
    let out_of_fuel_at_end = left.y == 0u && left.x <= budget;
    if out_of_fuel_at_end {
        budget = left.x;
    }
    var used = 0u;
    var cur_pc = 0u;
    // Two nested loops: llvmpipe caps the iterations of a single loop, so
    // the inner loop runs a bounded stretch and the outer loop repeats it.
    loop {
    if trap_kind != 0u || finished || used >= budget {
        break;
    }
    for (var stretch = 0u; stretch < 4096u; stretch += 1u) {
        if trap_kind != 0u || finished || used >= budget {
            break;
        }
        used += 1u;
        cur_pc = pc;
        let ip = instr_base + 4u * pc;
        let op = code[ip];
        let a = code[ip + 1u];
        pc += 1u;
        // Three smaller switches instead of one: llvmpipe evaluates a
        // switch as a chain of masked tests, so a shorter chain per
        // instruction is faster; the hottest ops (control, locals) come first.
        if op < 0x45u || op >= 0x100u {
        switch op {
            case 0x00u: {
                trap(T_UNREACHABLE);
            }
            case 0x0cu: {
                branch(a, code[ip + 2u], code[ip + 3u]);
            }
            case 0x0du: {
                if pop32() != 0u {
                    branch(a, code[ip + 2u], code[ip + 3u]);
                }
            }
            case 0x0eu: {
                let n = code[ip + 2u];
                let i = min(pop32(), n);
                let e = a + 3u * i;
                branch(code[e], code[e + 1u], code[e + 2u]);
            }
            case 0x0fu: {
                do_return();
            }
            case 0x10u: {
                call_func(a);
            }
            case 0x11u: {
                let i = pop32();
                if i >= code[H_TABLE_SIZE] {
                    trap(T_UNDEF_ELEM);
                } else {
                    let f = code[code[H_TABLE] + i];
                    if f == 0xffffffffu {
                        trap(T_UNINIT_ELEM);
                    } else if code[code[H_FUNCS] + f * FUNC_WORDS + 4u] != a {
                        trap(T_SIG_MISMATCH);
                    } else {
                        call_func(f);
                    }
                }
            }
            case 0x100u: {
                pc = a;
            }
            case 0x101u: {
                if pop32() == 0u {
                    pc = a;
                }
            }
            case 0x1au: {
                sp -= 1u;
            }
            case 0x1bu: {
                let c = pop32();
                let y = pop64();
                let x = pop64();
                push64(select(y, x, c != 0u));
            }
            case 0x20u: {
                push64(get_slot(fp + a));
            }
            case 0x21u: {
                set_slot(fp + a, pop64());
            }
            case 0x22u: {
                set_slot(fp + a, get_slot(sp - 1u));
            }
            case 0x23u: {
                let g = gbase + 2u * a;
                push64(vec2<u32>(state[g], state[g + 1u]));
            }
            case 0x24u: {
                let v = pop64();
                let g = gbase + 2u * a;
                state[g] = v.x;
                state[g + 1u] = v.y;
                dirty = 1u;
            }
            case 0x28u, 0x2au: {
                let ea = ea_of(pop32(), a, 4u);
                if trap_kind == 0u {
                    push32(load_bytes(ea, 4u));
                }
            }
            case 0x29u, 0x2bu: {
                let ea = ea_of(pop32(), a, 8u);
                if trap_kind == 0u {
                    push64(vec2<u32>(load_bytes(ea, 4u), load_bytes(ea + 4u, 4u)));
                }
            }
            case 0x2cu, 0x2du, 0x2eu, 0x2fu: {
                let n = select(2u, 1u, op <= 0x2du);
                let ea = ea_of(pop32(), a, n);
                if trap_kind == 0u {
                    var v = load_bytes(ea, n);
                    if op == 0x2cu {
                        v = bitcast<u32>(bitcast<i32>(v << 24u) >> 24u);
                    } else if op == 0x2eu {
                        v = bitcast<u32>(bitcast<i32>(v << 16u) >> 16u);
                    }
                    push32(v);
                }
            }
            case 0x30u, 0x31u, 0x32u, 0x33u, 0x34u, 0x35u: {
                var n = 4u;
                if op <= 0x31u {
                    n = 1u;
                } else if op <= 0x33u {
                    n = 2u;
                }
                let ea = ea_of(pop32(), a, n);
                if trap_kind == 0u {
                    var v = load_bytes(ea, n);
                    var hi = 0u;
                    if (op & 1u) == 0u {
                        let sh = 32u - 8u * n;
                        v = bitcast<u32>(bitcast<i32>(v << sh) >> sh);
                        hi = bitcast<u32>(bitcast<i32>(v) >> 31u);
                    }
                    push64(vec2<u32>(v, hi));
                }
            }
            case 0x36u, 0x38u: {
                let v = pop32();
                let ea = ea_of(pop32(), a, 4u);
                if trap_kind == 0u {
                    store_bytes(ea, v, 4u);
                }
            }
            case 0x37u, 0x39u: {
                let v = pop64();
                let ea = ea_of(pop32(), a, 8u);
                if trap_kind == 0u {
                    store_bytes(ea, v.x, 4u);
                    store_bytes(ea + 4u, v.y, 4u);
                }
            }
            case 0x3au, 0x3bu, 0x3cu, 0x3du, 0x3eu: {
                var n = 4u;
                if op == 0x3au || op == 0x3cu {
                    n = 1u;
                } else if op == 0x3bu || op == 0x3du {
                    n = 2u;
                }
                let v = pop64();
                let ea = ea_of(pop32(), a, n);
                if trap_kind == 0u {
                    store_bytes(ea, v.x, n);
                }
            }
            case 0x3fu: {
                push32(pages);
            }
            case 0x40u: {
                let n = pop32();
                let old = pages;
                if n <= params.mem_max_pages - pages {
                    pages += n;
                    if n != 0u {
                        dirty = 1u;
                    }
                    push32(old);
                } else {
                    if n <= code[H_MEM_MAX] - pages {
                        grow_limited = 2u; // refused by the VM's page limit, not the module's maximum
                    }
                    push32(0xffffffffu);
                }
            }
            case 0x41u, 0x43u: {
                push32(a);
            }
            case 0x42u, 0x44u: {
                push64(vec2<u32>(a, code[ip + 2u]));
            }
            default: {
                trap(T_NEEDS_CPU);
            }
        }
        } else if op < 0x8bu {
        switch op {
            case 0x45u: {
                push32(bool32(pop32() == 0u));
            }
            case 0x46u, 0x47u, 0x48u, 0x49u, 0x4au, 0x4bu, 0x4cu, 0x4du, 0x4eu, 0x4fu: {
                let y = pop32();
                let x = pop32();
                let xs = bitcast<i32>(x);
                let ys = bitcast<i32>(y);
                var r = false;
                switch op {
                    case 0x46u: { r = x == y; }
                    case 0x47u: { r = x != y; }
                    case 0x48u: { r = xs < ys; }
                    case 0x49u: { r = x < y; }
                    case 0x4au: { r = xs > ys; }
                    case 0x4bu: { r = x > y; }
                    case 0x4cu: { r = xs <= ys; }
                    case 0x4du: { r = x <= y; }
                    case 0x4eu: { r = xs >= ys; }
                    default: { r = x >= y; }
                }
                push32(bool32(r));
            }
            case 0x67u: {
                push32(countLeadingZeros(pop32()));
            }
            case 0x68u: {
                push32(countTrailingZeros(pop32()));
            }
            case 0x69u: {
                push32(countOneBits(pop32()));
            }
            case 0x6au, 0x6bu, 0x6cu, 0x6du, 0x6eu, 0x6fu, 0x70u, 0x71u, 0x72u, 0x73u, 0x74u, 0x75u, 0x76u, 0x77u, 0x78u: {
                let y = pop32();
                let x = pop32();
                var r = 0u;
                switch op {
                    case 0x6au: { r = x + y; }
                    case 0x6bu: { r = x - y; }
                    case 0x6cu: { r = x * y; }
                    case 0x6du: {
                        if y == 0u {
                            trap(T_DIV_ZERO);
                        } else if x == 0x80000000u && y == 0xffffffffu {
                            trap(T_OVERFLOW);
                        } else {
                            // On magnitudes: GLSL backends leave signed / and % on
                            // negative operands implementation-defined.
                            let q = abs32(x) / abs32(y);
                            r = select(q, 0u - q, ((x ^ y) >> 31u) != 0u);
                        }
                    }
                    case 0x6eu: {
                        if y == 0u {
                            trap(T_DIV_ZERO);
                        } else {
                            r = x / y;
                        }
                    }
                    case 0x6fu: {
                        if y == 0u {
                            trap(T_DIV_ZERO);
                        } else if y == 0xffffffffu {
                            r = 0u;
                        } else {
                            let m = abs32(x) % abs32(y);
                            r = select(m, 0u - m, (x >> 31u) != 0u);
                        }
                    }
                    case 0x70u: {
                        if y == 0u {
                            trap(T_DIV_ZERO);
                        } else {
                            r = x % y;
                        }
                    }
                    case 0x71u: { r = x & y; }
                    case 0x72u: { r = x | y; }
                    case 0x73u: { r = x ^ y; }
                    case 0x74u: { r = x << (y & 31u); }
                    case 0x75u: { r = bitcast<u32>(bitcast<i32>(x) >> (y & 31u)); }
                    case 0x76u: { r = x >> (y & 31u); }
                    case 0x77u: { r = (x << (y & 31u)) | (x >> ((32u - (y & 31u)) & 31u)); }
                    default: { r = (x >> (y & 31u)) | (x << ((32u - (y & 31u)) & 31u)); }
                }
                if trap_kind == 0u {
                    push32(r);
                }
            }
            case 0x50u: {
                let x = pop64();
                push32(bool32(x.x == 0u && x.y == 0u));
            }
            case 0x51u, 0x52u, 0x53u, 0x54u, 0x55u, 0x56u, 0x57u, 0x58u, 0x59u, 0x5au: {
                let y = pop64();
                let x = pop64();
                let eq = x.x == y.x && x.y == y.y;
                var r = false;
                switch op {
                    case 0x51u: { r = eq; }
                    case 0x52u: { r = !eq; }
                    case 0x53u: { r = lt_s64(x, y); }
                    case 0x54u: { r = lt_u64(x, y); }
                    case 0x55u: { r = lt_s64(y, x); }
                    case 0x56u: { r = lt_u64(y, x); }
                    case 0x57u: { r = !lt_s64(y, x); }
                    case 0x58u: { r = !lt_u64(y, x); }
                    case 0x59u: { r = !lt_s64(x, y); }
                    default: { r = !lt_u64(x, y); }
                }
                push32(bool32(r));
            }
            case 0x79u: {
                push64(vec2<u32>(clz64(pop64()), 0u));
            }
            case 0x7au: {
                push64(vec2<u32>(ctz64(pop64()), 0u));
            }
            case 0x7bu: {
                let x = pop64();
                push64(vec2<u32>(countOneBits(x.x) + countOneBits(x.y), 0u));
            }
            case 0x7cu, 0x7du, 0x7eu, 0x7fu, 0x80u, 0x81u, 0x82u, 0x83u, 0x84u, 0x85u, 0x86u, 0x87u, 0x88u, 0x89u, 0x8au: {
                let y = pop64();
                let x = pop64();
                var r = vec2<u32>(0u, 0u);
                let yzero = y.x == 0u && y.y == 0u;
                switch op {
                    case 0x7cu: { r = add64(x, y); }
                    case 0x7du: { r = sub64(x, y); }
                    case 0x7eu: { r = mul64(x, y); }
                    case 0x7fu: {
                        if yzero {
                            trap(T_DIV_ZERO);
                        } else if x.x == 0u && x.y == 0x80000000u && y.x == 0xffffffffu && y.y == 0xffffffffu {
                            trap(T_OVERFLOW);
                        } else {
                            divmod_u64(abs64(x), abs64(y));
                            r = dq;
                            if is_neg64(x) != is_neg64(y) {
                                r = neg64(dq);
                            }
                        }
                    }
                    case 0x80u: {
                        if yzero {
                            trap(T_DIV_ZERO);
                        } else {
                            divmod_u64(x, y);
                            r = dq;
                        }
                    }
                    case 0x81u: {
                        if yzero {
                            trap(T_DIV_ZERO);
                        } else {
                            divmod_u64(abs64(x), abs64(y));
                            r = dr;
                            if is_neg64(x) {
                                r = neg64(dr);
                            }
                        }
                    }
                    case 0x82u: {
                        if yzero {
                            trap(T_DIV_ZERO);
                        } else {
                            divmod_u64(x, y);
                            r = dr;
                        }
                    }
                    case 0x83u: { r = x & y; }
                    case 0x84u: { r = x | y; }
                    case 0x85u: { r = x ^ y; }
                    case 0x86u: { r = shl64(x, y.x); }
                    case 0x87u: { r = shr_s64(x, y.x); }
                    case 0x88u: { r = shr_u64(x, y.x); }
                    case 0x89u: {
                        let k = y.x & 63u;
                        r = shl64(x, k) | shr_u64(x, (64u - k) & 63u);
                        if k == 0u {
                            r = x;
                        }
                    }
                    default: {
                        let k = y.x & 63u;
                        r = shr_u64(x, k) | shl64(x, (64u - k) & 63u);
                        if k == 0u {
                            r = x;
                        }
                    }
                }
                if trap_kind == 0u {
                    push64(r);
                }
            }
            case 0x61u, 0x62u, 0x63u, 0x64u, 0x65u, 0x66u: {
                let y = pop64();
                let x = pop64();
                var r = false;
                if op == 0x61u {
                    r = f64_eq(x, y);
                } else if op == 0x62u {
                    r = !f64_eq(x, y);
                } else if op == 0x63u {
                    r = f64_lt(x, y);
                } else if op == 0x64u {
                    r = f64_lt(y, x);
                } else if op == 0x65u {
                    r = f64_lt(x, y) || f64_eq(x, y);
                } else {
                    r = f64_lt(y, x) || f64_eq(x, y);
                }
                push32(bool32(r));
            }
            case 0x5bu, 0x5cu, 0x5du, 0x5eu, 0x5fu, 0x60u: {
                let y = pop32();
                let x = pop32();
                var r = false;
                switch op {
                    case 0x5bu: { r = f32_eq(x, y); }
                    case 0x5cu: { r = !f32_eq(x, y); }
                    case 0x5du: { r = f32_lt(x, y); }
                    case 0x5eu: { r = f32_lt(y, x); }
                    case 0x5fu: { r = f32_lt(x, y) || f32_eq(x, y); }
                    default: { r = f32_lt(y, x) || f32_eq(x, y); }
                }
                push32(bool32(r));
            }
            default: {
                trap(T_NEEDS_CPU);
            }
        }
        } else {
        switch op {
            case 0x8bu: {
                push32(pop32() & 0x7fffffffu);
            }
            case 0x8cu: {
                push32(pop32() ^ 0x80000000u);
            }
            case 0x8du: {
                push32(f32_round(pop32(), 0u));
            }
            case 0x8eu: {
                push32(f32_round(pop32(), 1u));
            }
            case 0x8fu: {
                push32(f32_round(pop32(), 2u));
            }
            case 0x90u: {
                push32(f32_round(pop32(), 3u));
            }
            case 0x91u: {
                let x = pop32();
                push32(f32_sqrt(x));
            }
            case 0x92u, 0x93u, 0x94u, 0x95u: {
                let y = pop32();
                let x = pop32();
                var r = 0u;
                switch op {
                    case 0x92u: { r = f32_add(x, y); }
                    case 0x93u: { r = f32_add(x, y ^ 0x80000000u); }
                    case 0x94u: { r = f32_mul(x, y); }
                    default: { r = f32_div(x, y); }
                }
                push32(nan_fix(r, x, y));
            }
            case 0x96u: {
                let y = pop32();
                push32(f32_min(pop32(), y));
            }
            case 0x97u: {
                let y = pop32();
                push32(f32_max(pop32(), y));
            }
            case 0x98u: {
                let y = pop32();
                push32((pop32() & 0x7fffffffu) | (y & 0x80000000u));
            }
            case 0xa7u: {
                push32(pop64().x);
            }
            case 0x9fu: {
                push64(f64_sqrt(pop64()));
            }
            case 0xa0u, 0xa1u, 0xa2u, 0xa3u: {
                let y = pop64();
                let x = pop64();
                if op == 0xa0u {
                    push64(f64_add(x, y));
                } else if op == 0xa1u {
                    push64(f64_add(x, vec2<u32>(y.x, y.y ^ 0x80000000u)));
                } else if op == 0xa2u {
                    push64(f64_mul(x, y));
                } else {
                    push64(f64_div(x, y));
                }
            }
            case 0x99u: {
                let x = pop64();
                push64(vec2<u32>(x.x, x.y & 0x7fffffffu));
            }
            case 0x9au: {
                let x = pop64();
                push64(vec2<u32>(x.x, x.y ^ 0x80000000u));
            }
            case 0x9bu, 0x9cu, 0x9du, 0x9eu: {
                push64(f64_round(pop64(), op - 0x9bu));
            }
            case 0xa4u, 0xa5u: {
                let y = pop64();
                push64(f64_minmax(pop64(), y, op == 0xa5u));
            }
            case 0xa6u: {
                let y = pop64();
                let x = pop64();
                push64(vec2<u32>(x.x, (x.y & 0x7fffffffu) | (y.y & 0x80000000u)));
            }
            case 0xaau, 0xabu: {
                push32(trunc_f64(pop64(), op - 0xaau, false).x);
            }
            case 0xb0u, 0xb1u: {
                let r = trunc_f64(pop64(), op - 0xb0u + 2u, false);
                if trap_kind == 0u {
                    push64(r);
                }
            }
            case 0xe2u, 0xe3u: {
                push32(trunc_f64(pop64(), op - 0xe2u, true).x);
            }
            case 0xe6u, 0xe7u: {
                push64(trunc_f64(pop64(), op - 0xe6u + 2u, true));
            }
            case 0xb6u: {
                push32(f32_demote(pop64()));
            }
            case 0xb7u: {
                let x = pop32();
                let neg = (x >> 31u) != 0u;
                push64(u64_to_f64(vec2<u32>(select(x, 0u - x, neg), 0u), select(0u, 0x80000000u, neg)));
            }
            case 0xb8u: {
                push64(u64_to_f64(vec2<u32>(pop32(), 0u), 0u));
            }
            case 0xb9u: {
                let x = pop64();
                push64(u64_to_f64(abs64(x), select(0u, 0x80000000u, is_neg64(x))));
            }
            case 0xbau: {
                push64(u64_to_f64(pop64(), 0u));
            }
            case 0xbbu: {
                push64(f64_promote(pop32()));
            }
            case 0xa8u, 0xa9u: {
                push32(trunc_f32(pop32(), op - 0xa8u, false).x);
            }
            case 0xacu: {
                let x = pop32();
                push64(vec2<u32>(x, bitcast<u32>(bitcast<i32>(x) >> 31u)));
            }
            case 0xadu: {
                push64(vec2<u32>(pop32(), 0u));
            }
            case 0xaeu, 0xafu: {
                let r = trunc_f32(pop32(), op - 0xaeu + 2u, false);
                if trap_kind == 0u {
                    push64(r);
                }
            }
            case 0xb2u: {
                let x = pop32();
                let neg = (x >> 31u) != 0u;
                push32(u64_to_f32(vec2<u32>(select(x, 0u - x, neg), 0u), select(0u, 0x80000000u, neg)));
            }
            case 0xb3u: {
                push32(u64_to_f32(vec2<u32>(pop32(), 0u), 0u));
            }
            case 0xb4u: {
                let x = pop64();
                let neg = is_neg64(x);
                push32(u64_to_f32(abs64(x), select(0u, 0x80000000u, neg)));
            }
            case 0xb5u: {
                push32(u64_to_f32(pop64(), 0u));
            }
            case 0xbcu, 0xbdu, 0xbeu, 0xbfu: {
                // reinterpretations: the bits stay as they are
            }
            case 0xc0u: {
                let x = pop32();
                push32(bitcast<u32>(bitcast<i32>(x << 24u) >> 24u));
            }
            case 0xc1u: {
                let x = pop32();
                push32(bitcast<u32>(bitcast<i32>(x << 16u) >> 16u));
            }
            case 0xc2u, 0xc3u, 0xc4u: {
                let x = pop64().x;
                var lo = x;
                if op == 0xc2u {
                    lo = bitcast<u32>(bitcast<i32>(x << 24u) >> 24u);
                } else if op == 0xc3u {
                    lo = bitcast<u32>(bitcast<i32>(x << 16u) >> 16u);
                }
                push64(vec2<u32>(lo, bitcast<u32>(bitcast<i32>(lo) >> 31u)));
            }
            case 0xe0u, 0xe1u: {
                push32(trunc_f32(pop32(), op - 0xe0u, true).x);
            }
            case 0xe4u, 0xe5u: {
                push64(trunc_f32(pop32(), op - 0xe4u + 2u, true));
            }

            default: {
                trap(T_NEEDS_CPU);
            }
        }
        }
    }
    }
    if used >= budget && out_of_fuel_at_end && trap_kind == 0u && !finished {
        trap(T_FUEL);
    }
    // Save the registers so a later dispatch can resume, and report.
    let total = add64(vec2<u32>(fuel_lo, fuel_hi), vec2<u32>(used, 0u));
    state[sbase + ST_PC] = pc;
    state[sbase + ST_SP] = sp;
    state[sbase + ST_FP] = fp;
    state[sbase + ST_DEPTH] = depth;
    state[sbase + ST_FUNC] = cur_func;
    state[sbase + ST_PAGES] = pages;
    state[sbase + ST_DIRTY] = dirty | grow_limited;
    state[sbase + ST_FUEL_LO] = total.x;
    state[sbase + ST_FUEL_HI] = total.y;
    var st = 1u;
    if trap_kind != 0u {
        st = 3u;
        state[sbase + ST_TRAP] = trap_kind;
        state[sbase + ST_TRAP_PC] = cur_pc;
        state[sbase + ST_TRAP_FUNC] = cur_func;
    } else if finished {
        st = 2u;
    }
    state[sbase + ST_STATUS] = st;
    let o = inst * params.io_stride;
    io[o + IO_STATUS] = st;
    io[o + IO_TRAP] = trap_kind;
    io[o + IO_TRAP_PC] = cur_pc;
    io[o + IO_TRAP_FUNC] = cur_func;
    io[o + IO_FUEL_LO] = total.x;
    io[o + IO_FUEL_HI] = total.y;
    io[o + IO_DIRTY] = dirty | grow_limited;
    io[o + IO_PAGES] = pages;
    if st == 2u {
        let nres = min(sp, (params.io_stride - IO_VALUES) / 2u);
        for (var i = 0u; i < nres; i += 1u) {
            let v = get_slot(i);
            io[o + IO_VALUES + 2u * i] = v.x;
            io[o + IO_VALUES + 2u * i + 1u] = v.y;
        }
    }
}
