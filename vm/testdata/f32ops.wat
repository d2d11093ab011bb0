;; f32 operations checked bit-for-bit against Go (vm/float_test.go).
(module
  (func (export "add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "sub") (param f32 f32) (result f32) (f32.sub (local.get 0) (local.get 1)))
  (func (export "mul") (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
  (func (export "div") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func (export "sqrt") (param f32 f32) (result f32) (f32.sqrt (local.get 0)))
  (func (export "nearest") (param f32 f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "from_i64") (param i64) (result f32) (f32.convert_i64_s (local.get 0)))
  (func (export "from_u64") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
)
