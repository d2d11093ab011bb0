//go:build unix

package wgsl

import (
	"syscall"
	"time"
)

// processCPUTime returns the user+system CPU time of the process so far, so
// benchmarks can report cost per CPU second on a shared machine.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
