//go:build unix

package syntax

import (
	"syscall"
	"time"
)

// processCPUTime returns the user+system CPU time of the process so far, so
// that benchmarks can report throughput per CPU second, which stays
// meaningful on a machine shared with other jobs.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
