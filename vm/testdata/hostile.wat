;; Modules that try to run forever or exhaust resources (vm/hostile_test.go).
(module
  (memory 1)
  (func (export "spin") (loop $l (br $l)))
  (func $deep (export "deep") (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "grow_forever") (result i32)
    (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (memory.size))
  (func (export "grow_spin")
    (loop $l (drop (memory.grow (i32.const 1))) (br $l)))
  (func (export "oob") (param i32) (result i32) (i32.load (local.get 0)))
)
