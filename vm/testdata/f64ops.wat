;; f64 operations checked bit-for-bit against Go (vm/float_test.go).
(module
  (func (export "add") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func (export "sub") (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func (export "mul") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
  (func (export "div") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func (export "sqrt") (param f64 f64) (result f64) (f64.sqrt (local.get 0)))
  (func (export "nearest") (param f64 f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "demote") (param f64 f64) (result f64) (f64.promote_f32 (f32.demote_f64 (local.get 0))))
)
