package wgsl

import "testing"

// TestNameCacheShadowing: the module-scope name cache and the overload
// memo give the same answers as fresh lookups, with and without user
// declarations that reuse predeclared names, and whichever name comes
// first.
func TestNameCacheShadowing(t *testing.T) {
	cases := []struct {
		src  string
		errs int
	}{
		// A user function named like a builtin wins over it.
		{"fn dot(a: i32) -> i32 { return a; }\nfn f() -> i32 { return dot(1) + dot(2); }", 0},
		{"fn f() -> i32 { return dot(1); }", 1},
		// Used before and after a local shadows a global.
		{"const k = 2.0;\nfn f() -> f32 { let a = k; let k = 1; return a + f32(k) + f32(max(k, 3)); }", 0},
		// A struct named like a type generator is a constructor.
		{"struct vec2 { a: f32 }\nfn f() -> f32 { let v = vec2(1.0); return v.a; }", 0},
		// The same builtin with other argument types resolves anew.
		{"fn f() -> f32 { let a = max(1, 2); let b = max(1.0, 2.0); let c = max(vec2f(1.0), vec2f(2.0)); return f32(a) + b + c.x; }", 0},
		{"fn f() -> f32 { let a = max(1.0, 2.0); let b = max(true, false); return a; }", 1},
	}
	for _, tc := range cases {
		errs := errorsOf(Check([]byte(tc.src)))
		if len(errs) != tc.errs {
			t.Errorf("%q: %d errors, want %d:\n%s", tc.src, len(errs), tc.errs, render(tc.src, errs))
		}
	}
}
