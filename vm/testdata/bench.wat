;; Benchmark workloads (vm/bench_test.go).
(module
  (memory 1)
  ;; fib: an iterative loop on i64 locals.
  (func (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))
  ;; memloop: stores then sums n words of linear memory.
  (func (export "memloop") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $w (loop $l
      (br_if $w (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.shl (i32.and (local.get $i) (i32.const 0x3fff)) (i32.const 2))
                 (i32.mul (local.get $i) (i32.const 2654435761)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.set $i (i32.const 0))
    (block $r (loop $l
      (br_if $r (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum)
        (i32.load (i32.shl (i32.and (local.get $i) (i32.const 0x3fff)) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $sum))
  ;; fibrec: call-heavy recursion.
  (func $fibrec (export "fibrec") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fibrec (i32.sub (local.get $n) (i32.const 1)))
                     (call $fibrec (i32.sub (local.get $n) (i32.const 2)))))))
)
