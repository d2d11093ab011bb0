package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rts-lsp/rts-lsp/analysis/cartridge"
	"github.com/rts-lsp/rts-lsp/vm"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run a WebAssembly function (.wasm or .rts.png) on the GPU VM and/or wazero",
		run:     runMain,
	})
}

// runMain implements `rts-lsp run FILE --invoke NAME [--args 1,2]
// [--backend gpu|cpu|both] [--batch ARGS.jsonl] [--fuel N]`.
// Exit codes: 0 ran (traps are results), 1 the backends disagree or the
// module is unusable, 2 usage or I/O errors.
func runMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	invoke := fs.String("invoke", "", "exported function to call (required)")
	argList := fs.String("args", "", "comma-separated arguments, e.g. 1,2 (floats as 1.5 or 0x bits)")
	backend := fs.String("backend", "gpu", "gpu (falls back to wazero without an adapter), cpu (wazero) or both (compare)")
	batchFile := fs.String("batch", "", "JSON Lines file: one argument array per line, one VM instance each")
	fuel := fs.Uint64("fuel", vm.DefaultFuel, "instruction budget per instance on the GPU VM")
	timeout := fs.Duration("timeout", vm.DefaultTimeout, "limit per GPU dispatch and per wazero call")
	compiler := fs.Bool("compiler", false, "use wazero's compiler instead of its interpreter for the CPU backend")
	maxPages := fs.Uint("max-pages", 0, "memory.grow limit per instance in 64 KiB pages (0: chosen from the batch size); also applied to wazero")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rts-lsp run FILE.wasm|CART.rts.png --invoke NAME [--args 1,2] [--backend gpu|cpu|both] [--batch ARGS.jsonl] [--fuel N]")
		fs.PrintDefaults()
	}
	// Accept the file before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" || *invoke == "" {
		fs.Usage()
		return 2
	}
	if *backend != "gpu" && *backend != "cpu" && *backend != "both" {
		fmt.Fprintf(stderr, "rts-lsp run: --backend must be gpu, cpu or both, not %q\n", *backend)
		return 2
	}
	wasm, err := loadWasm(file)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp run: %v\n", err)
		return 2
	}
	if err := vm.Validate(wasm); err != nil {
		fmt.Fprintf(stderr, "rts-lsp run: %s: invalid module: %v\n", file, err)
		return 1
	}
	prog, err := vm.Load(wasm)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp run: %s: %v\n", file, err)
		return 1
	}
	fi, ft, err := prog.ExportedFunc(*invoke)
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp run: %s: %v\n", file, err)
		return 1
	}
	var argSets [][]uint64
	if *batchFile != "" {
		argSets, err = readBatch(*batchFile, ft.Params)
	} else {
		var list []string
		if *argList != "" {
			list = strings.Split(*argList, ",")
		}
		var a []uint64
		a, err = vm.ParseArgs(ft.Params, list)
		argSets = [][]uint64{a}
	}
	if err != nil {
		fmt.Fprintf(stderr, "rts-lsp run: %v\n", err)
		return 2
	}

	var gpuRes, cpuRes []vm.Result
	var gpuTime, cpuTime time.Duration
	useGPU := *backend != "cpu"
	if useGPU {
		g, err := vm.DefaultGPU()
		if errors.Is(err, vm.ErrNoAdapter) {
			fmt.Fprintf(stderr, "rts-lsp run: %v; running on wazero instead\n", err)
			useGPU = false
			if *backend == "both" {
				fmt.Fprintln(stderr, "rts-lsp run: --backend both needs a GPU adapter")
				return 1
			}
		} else if err != nil {
			fmt.Fprintf(stderr, "rts-lsp run: GPU VM: %v\n", err)
			return 1
		} else {
			start := time.Now()
			res, err := g.Run(prog, &vm.Batch{Func: fi, Args: argSets, Config: vm.Config{Fuel: *fuel, Timeout: *timeout, MaxPages: uint32(*maxPages)}})
			gpuTime = time.Since(start)
			if err != nil {
				fmt.Fprintf(stderr, "rts-lsp run: GPU VM: %v\n", err)
				return 1
			}
			gpuRes = res.Results
			fmt.Fprintf(stderr, "rts-lsp run: GPU VM on %s, %d instance(s), %d dispatch(es)\n", g.Describe(), len(argSets), res.Dispatches)
		}
	}
	needCPU := !useGPU || *backend == "both"
	for _, r := range gpuRes {
		if r.Trap == vm.TrapNeedsCPU {
			needCPU = true
		}
	}
	if needCPU {
		cpu := &vm.CPU{Compiler: *compiler, Timeout: *timeout, MaxPages: uint32(*maxPages)}
		start := time.Now()
		cpuRes, err = cpu.Run(wasm, *invoke, argSets)
		cpuTime = time.Since(start)
		if err != nil {
			fmt.Fprintf(stderr, "rts-lsp run: wazero: %v\n", err)
			return 1
		}
	}
	return report(stdout, ft, argSets, gpuRes, cpuRes, gpuTime, cpuTime, *backend == "both")
}

func report(w io.Writer, ft vm.FuncType, argSets [][]uint64, gpu, cpu []vm.Result, gpuTime, cpuTime time.Duration, compare bool) int {
	diffs := 0
	var instr uint64
	for i := range argSets {
		prefix := ""
		if len(argSets) > 1 {
			prefix = fmt.Sprintf("[%d] ", i)
		}
		switch {
		case gpu != nil && compare:
			g, c := gpu[i], cpu[i]
			instr += g.Instructions
			if g.Trap == vm.TrapNeedsCPU {
				fmt.Fprintf(w, "%s%s (GPU: needs the CPU backend; wazero result shown)\n", prefix, c.Describe(ft.Results))
			} else if d := vm.Compare(ft.Results, g, c); d != "" {
				diffs++
				fmt.Fprintf(w, "%sDIFFERENT: %s\n", prefix, d)
			} else {
				fmt.Fprintf(w, "%s%s (both backends)\n", prefix, g.Describe(ft.Results))
			}
		case gpu != nil:
			g := gpu[i]
			instr += g.Instructions
			if g.Trap == vm.TrapNeedsCPU && cpu != nil {
				fmt.Fprintf(w, "%s%s (an instruction the GPU VM lacks: ran on wazero)\n", prefix, cpu[i].Describe(ft.Results))
			} else {
				fmt.Fprintf(w, "%s%s\n", prefix, g.Describe(ft.Results))
				if g.Trap != vm.TrapNone {
					fmt.Fprintf(w, "%s  in function %d at module offset 0x%x\n", prefix, g.TrapFunc, g.TrapOffset)
				}
				if g.GrowLimited {
					fmt.Fprintf(w, "%s  note: a memory.grow was refused by the GPU VM's page limit (--max-pages), not by the module\n", prefix)
				}
			}
		default:
			fmt.Fprintf(w, "%s%s\n", prefix, cpu[i].Describe(ft.Results))
		}
	}
	if gpu != nil {
		fmt.Fprintf(w, "GPU VM: %d instructions in %v\n", instr, gpuTime.Round(time.Microsecond))
	}
	if cpu != nil {
		fmt.Fprintf(w, "wazero: %v\n", cpuTime.Round(time.Microsecond))
	}
	if diffs > 0 {
		fmt.Fprintf(w, "%d of %d instance(s) differ\n", diffs, len(argSets))
		return 1
	}
	return 0
}

// readBatch reads JSON Lines of argument arrays: [1, 2] or ["1.5", "0x7fc00000"].
func readBatch(path string, params []byte) ([][]uint64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]uint64
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var raw []json.RawMessage
		if err := json.Unmarshal([]byte(text), &raw); err != nil {
			return nil, fmt.Errorf("%s:%d: want a JSON array of arguments: %v", path, line, err)
		}
		list := make([]string, len(raw))
		for i, r := range raw {
			var s string
			if json.Unmarshal(r, &s) != nil {
				s = string(r)
			}
			list[i] = s
		}
		a, err := vm.ParseArgs(params, list)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no argument lines", path)
	}
	return out, nil
}

// loadWasm reads a .wasm file, or the WebAssembly payload of a PixelRTS
// cartridge (.png) through analysis/cartridge.
func loadWasm(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG")) {
		return data, nil
	}
	opts := cartridge.Options{}
	img, err := cartridge.DecodePNG(data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	metaText, _, err := cartridge.CheckEmbedded(data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(metaText) == 0 {
		for _, side := range cartridge.SidecarPathsFor(path) {
			if b, err := os.ReadFile(side); err == nil {
				metaText = b
				break
			}
		}
	}
	if len(metaText) == 0 {
		return nil, fmt.Errorf("%s: no PixelRTS metadata (neither a tEXt chunk nor a sidecar manifest)", path)
	}
	meta, err := cartridge.ParseMeta(metaText)
	if err != nil {
		return nil, fmt.Errorf("%s: metadata: %v", path, err)
	}
	p, err := cartridge.ExtractPayload(img, meta, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: payload: %v", path, err)
	}
	if !bytes.HasPrefix(p.Data, []byte("\x00asm")) {
		return nil, fmt.Errorf("%s: the cartridge payload is not WebAssembly", path)
	}
	return p.Data, nil
}
