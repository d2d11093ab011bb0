package vm

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cogentcore/webgpu/wgpu"
	"github.com/rts-lsp/rts-lsp/shaders"
)

// ErrNoAdapter means WebGPU found no adapter: callers fall back to wazero.
var ErrNoAdapter = errors.New("no WebGPU adapter found (install a Vulkan driver, e.g. mesa-vulkan-drivers for llvmpipe)")

// ErrTimeout means a run took longer than Config.Timeout. The dispatch in
// flight finishes on its own (each is bounded by the fuel slice); its
// results are dropped.
var ErrTimeout = errors.New("GPU dispatch timed out")

// Shader layout (mirrors shaders/wasm_vm.wgsl).
const (
	stHeader  = 16
	ioEntry   = 8
	ioValues  = 10
	paramsLen = 12
)

// GPU owns one WebGPU device. Every device call runs on a single goroutine
// (wgpu-native loses errors under concurrent use); methods send it closures.
type GPU struct {
	calls  chan func()
	info   wgpu.AdapterInfo
	limits wgpu.Limits
	shared *gpuShared // shared by every view of the device (WithShader)
	shader shaderKey  // the VM shader this view runs; zero: the embedded one

	// Owned by the device goroutine.
	instance *wgpu.Instance
	adapter  *wgpu.Adapter
	device   *wgpu.Device
	queue    *wgpu.Queue
}

// OpenGPU starts the device goroutine: it takes a discrete GPU when there is
// one, otherwise whatever adapter WebGPU offers (llvmpipe on CPU-only
// machines), and compiles the VM shader. ErrNoAdapter when there is none.
func OpenGPU() (*GPU, error) {
	g := &GPU{calls: make(chan func()), shared: &gpuShared{}}
	errc := make(chan error)
	go func() {
		runtime.LockOSThread()
		err := g.setup()
		errc <- err
		if err != nil {
			return
		}
		for f := range g.calls {
			f()
		}
	}()
	if err := <-errc; err != nil {
		return nil, err
	}
	return g, nil
}

var (
	defaultGPUOnce sync.Once
	defaultGPU     *GPU
	defaultGPUErr  error
)

// DefaultGPU opens the process-wide GPU once and returns it every time after.
func DefaultGPU() (*GPU, error) {
	defaultGPUOnce.Do(func() { defaultGPU, defaultGPUErr = OpenGPU() })
	return defaultGPU, defaultGPUErr
}

// do runs f on the device goroutine and waits for it.
func (g *GPU) do(f func() error) error {
	done := make(chan error, 1)
	g.calls <- func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("GPU host panic: %v", r)
			}
		}()
		done <- f()
	}
	return <-done
}

func (g *GPU) setup() error {
	if os.Getenv("WGPU_LOG_LEVEL") == "" {
		wgpu.SetLogLevel(wgpu.LogLevelOff)
	}
	if os.Getenv("XDG_RUNTIME_DIR") == "" {
		// Mesa's Vulkan loader prints an error per device probe without it
		// (headless CI, containers); compute needs no display runtime dir.
		os.Setenv("XDG_RUNTIME_DIR", os.TempDir())
	}
	g.instance = wgpu.CreateInstance(nil)
	// Rank: discrete GPU first, then integrated, then CPU (llvmpipe); within
	// a rank a native backend (Vulkan, Metal, D3D12) before OpenGL.
	rank := func(info wgpu.AdapterInfo) int {
		r := 0
		switch info.AdapterType {
		case wgpu.AdapterTypeDiscreteGPU:
			r = 30
		case wgpu.AdapterTypeIntegratedGPU:
			r = 20
		case wgpu.AdapterTypeCPU:
			r = 10
		}
		if info.BackendType != wgpu.BackendTypeOpenGL && info.BackendType != wgpu.BackendTypeOpenGLES {
			r += 5
		}
		return r
	}
	var chosen *wgpu.Adapter
	for _, a := range g.instance.EnumerateAdapters(nil) {
		if chosen == nil || rank(a.GetInfo()) > rank(chosen.GetInfo()) {
			chosen = a
		}
	}
	if chosen == nil {
		a, err := g.instance.RequestAdapter(&wgpu.RequestAdapterOptions{PowerPreference: wgpu.PowerPreferenceHighPerformance})
		if err != nil || a == nil {
			return ErrNoAdapter
		}
		chosen = a
	}
	g.adapter = chosen
	g.info = chosen.GetInfo()
	lim := chosen.GetLimits().Limits
	req := wgpu.DefaultLimits()
	req.MaxStorageBufferBindingSize = lim.MaxStorageBufferBindingSize
	req.MaxBufferSize = lim.MaxBufferSize
	req.MaxStorageBuffersPerShaderStage = max(req.MaxStorageBuffersPerShaderStage, 5)
	dev, err := chosen.RequestDevice(&wgpu.DeviceDescriptor{
		Label:          "rts-lsp wasm vm",
		RequiredLimits: &wgpu.RequiredLimits{Limits: req},
		// No DeviceLostCallback: webgpu v0.23.0 passes a Go pointer inside
		// Go memory to C for it, which cgo's pointer check rejects. Loss
		// shows up as failing calls or a readback timeout instead.
	})
	if err != nil {
		return fmt.Errorf("request device: %w", err)
	}
	g.device = dev
	g.limits = dev.GetLimits().Limits
	g.queue = dev.GetQueue()
	if err := g.makeLayout(); err != nil {
		return err
	}
	vmp, err := g.compile(shaders.WasmVM)
	if err != nil {
		return fmt.Errorf("shaders/wasm_vm.wgsl: %w", err)
	}
	g.shared.embedded = vmp
	return nil
}

// Describe names the adapter, e.g. "llvmpipe (LLVM 15.0.6, 256 bits) (CPU, Vulkan)".
func (g *GPU) Describe() string {
	name := g.info.Name
	if name == "" || strings.HasPrefix(name, "0x") {
		name = g.info.DriverDescription
	}
	return fmt.Sprintf("%s (%s, %s)", name, g.info.AdapterType, g.info.BackendType)
}

func (g *GPU) lost() string {
	g.shared.lostMu.Lock()
	defer g.shared.lostMu.Unlock()
	return g.shared.lostMsg
}

// Limits of one run.
type Config struct {
	Fuel       uint64        // instructions per instance; 0: DefaultFuel
	FuelSlice  uint32        // instructions per instance per dispatch; 0: chosen from the batch size
	StackSlots uint32        // value stack slots per instance; 0: chosen from the batch size
	MaxDepth   uint32        // call frames per instance; 0: chosen from the batch size
	MaxPages   uint32        // memory.grow limit in pages; 0: 2*initial+16, less for big batches
	Timeout    time.Duration // whole run: all dispatches and readbacks; 0: DefaultTimeout
}

const (
	DefaultFuel    = 100_000_000
	DefaultTimeout = 60 * time.Second
	memBudget      = 64 << 20 // bytes of linear memory per dispatch when Config.MaxPages is 0
	stateBudget    = 64 << 20 // bytes of VM stacks per dispatch
	workPerSlice   = 20_000_000
)

// Batch is one invocation of a function on many fresh instances that all
// start from the same state.
type Batch struct {
	Func  uint32
	Args  [][]uint64 // one argument list per instance
	Funcs []uint32   // optional: the function each instance invokes (overrides Func)
	// From is the state every instance starts from; nil: a new instance
	// (data segments applied, start function run).
	From *Snapshot
	// CaptureFirstDirty asks for the final state of the first instance that
	// wrote to memory or globals (or grew memory).
	CaptureFirstDirty bool
	Config
}

// Result is the outcome of one instance.
type Result struct {
	Values       []uint64
	Trap         TrapKind
	TrapFunc     uint32
	TrapOffset   uint32 // byte offset in the module of the trapping instruction
	Instructions uint64
	Dirty        bool // wrote memory or globals
	// GrowLimited: a memory.grow failed only because of the VM's page limit
	// (Config.MaxPages), not the module's maximum; wazero would have grown.
	GrowLimited bool
}

// BatchResult holds one Result per instance.
type BatchResult struct {
	Results    []Result
	Captured   *Snapshot // final state of instance CapturedAt (CaptureFirstDirty)
	CapturedAt int       // -1 when no instance was dirty
	Dispatches int
}

type plan struct {
	n, stackSlots, maxDepth, stateStride, memWords, maxPages, ioStride, slice uint32
	fuel                                                                      uint64
	deadline                                                                  time.Time
}

// errTooBig: the batch does not fit the adapter's buffer limits; Run splits it.
type errTooBig struct{ msg string }

func (e *errTooBig) Error() string { return e.msg }

func (g *GPU) plan(p *Program, b *Batch, from *Snapshot) (plan, error) {
	n := uint32(len(b.Args))
	pl := plan{n: n, fuel: b.Fuel}
	if pl.fuel == 0 {
		pl.fuel = DefaultFuel
	}
	timeout := b.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	pl.deadline = time.Now().Add(timeout)
	pl.stackSlots, pl.maxDepth = b.StackSlots, b.MaxDepth
	if pl.stackSlots == 0 || pl.maxDepth == 0 {
		slots, depth := uint32(32768), uint32(4096)
		for uint64(n)*uint64(8*slots+16*depth) > stateBudget && slots > 1024 {
			slots /= 2
			depth /= 2
		}
		if pl.stackSlots == 0 {
			pl.stackSlots = slots
		}
		if pl.maxDepth == 0 {
			pl.maxDepth = depth
		}
	}
	ng := uint32(len(p.Module.Globals))
	pl.stateStride = stHeader + 2*ng + 4*pl.maxDepth + 2*pl.stackSlots
	nvals := uint32(2)
	fs := b.Funcs
	if fs == nil {
		fs = []uint32{b.Func}
	}
	for _, f := range fs {
		ft := p.Funcs[f].Type
		nvals = max(nvals, uint32(len(ft.Params)), uint32(len(ft.Results)))
	}
	pl.ioStride = ioValues + 2*nvals
	if p.Module.HasMemory {
		modMax := uint32(65535)
		if p.Module.MemMax < modMax {
			modMax = p.Module.MemMax
		}
		limit := b.MaxPages
		if limit == 0 {
			// Headroom for growth without paying for (zeroing) a huge buffer:
			// twice the current size plus 16 pages, within the batch budget.
			limit = uint32(min(uint64(memBudget)/(uint64(n)*65536), g.limits.MaxStorageBufferBindingSize/(uint64(n)*65536),
				2*uint64(from.Pages)+16))
			limit = max(limit, from.Pages, 1)
		}
		pl.maxPages = min(modMax, limit)
		if from.Pages > pl.maxPages {
			return pl, fmt.Errorf("memory of %d pages exceeds the GPU VM limit of %d pages for a batch of %d", from.Pages, pl.maxPages, n)
		}
		pl.memWords = pl.maxPages * 16384
	}
	if uint64(pl.memWords)*uint64(n)*4 > g.limits.MaxStorageBufferBindingSize ||
		uint64(pl.stateStride)*uint64(n)*4 > g.limits.MaxStorageBufferBindingSize {
		return pl, &errTooBig{fmt.Sprintf("one instance exceeds the adapter's storage buffer limit (%d bytes)", g.limits.MaxStorageBufferBindingSize)}
	}
	pl.slice = b.FuelSlice
	if pl.slice == 0 {
		pl.slice = uint32(min(max(workPerSlice/uint64(n), 10_000), 50_000_000))
	}
	return pl, nil
}

// Run executes a batch on the GPU VM.
func (g *GPU) Run(p *Program, b *Batch) (*BatchResult, error) {
	if b.Funcs != nil && len(b.Funcs) != len(b.Args) {
		return nil, fmt.Errorf("%d functions for %d argument lists", len(b.Funcs), len(b.Args))
	}
	funcOf := func(i int) uint32 {
		if b.Funcs != nil {
			return b.Funcs[i]
		}
		return b.Func
	}
	checked := map[uint32]bool{}
	for i := range b.Args {
		f := funcOf(i)
		if checked[f] {
			continue
		}
		checked[f] = true
		if int(f) >= len(p.Funcs) {
			return nil, fmt.Errorf("function index %d out of range", f)
		}
	}
	runStart := uint32(0)
	from := b.From
	if from == nil {
		s, err := p.FreshSnapshot()
		if err != nil {
			return nil, err
		}
		from = s
		if p.Module.Start >= 0 {
			runStart = uint32(p.Module.Start) + 1
		}
	}
	for i, a := range b.Args {
		ft := p.Funcs[funcOf(i)].Type
		if len(a) != len(ft.Params) {
			return nil, fmt.Errorf("instance %d: %d arguments given, function takes %d", i, len(a), len(ft.Params))
		}
	}
	if len(b.Args) == 0 {
		return &BatchResult{CapturedAt: -1}, nil
	}
	pl, err := g.plan(p, b, from)
	var tooBig *errTooBig
	if errors.As(err, &tooBig) && len(b.Args) > 1 {
		return g.runSplit(p, b, from)
	}
	if err != nil {
		return nil, err
	}
	var res *BatchResult
	err = g.do(func() error {
		var err error
		res, err = g.run(p, b, from, runStart, pl)
		return err
	})
	return res, err
}

// runSplit runs a batch too large for one dispatch's buffers as two halves.
func (g *GPU) runSplit(p *Program, b *Batch, from *Snapshot) (*BatchResult, error) {
	half := len(b.Args) / 2
	parts := [2]Batch{*b, *b}
	parts[0].Args, parts[1].Args = b.Args[:half], b.Args[half:]
	if b.Funcs != nil {
		parts[0].Funcs, parts[1].Funcs = b.Funcs[:half], b.Funcs[half:]
	}
	out := &BatchResult{CapturedAt: -1}
	for k := range parts {
		parts[k].From = from
		r, err := g.Run(p, &parts[k])
		if err != nil {
			return nil, err
		}
		if out.CapturedAt < 0 && r.CapturedAt >= 0 {
			out.CapturedAt, out.Captured = r.CapturedAt+len(out.Results), r.Captured
		}
		out.Results = append(out.Results, r.Results...)
		out.Dispatches += r.Dispatches
	}
	return out, nil
}

func u32bytes(w []uint32) []byte {
	b := make([]byte, 4*len(w))
	for i, v := range w {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func (g *GPU) storage(label string, size uint64, init []uint32) (*wgpu.Buffer, error) {
	size = max((size+3)&^3, 16)
	usage := wgpu.BufferUsageStorage | wgpu.BufferUsageCopyDst | wgpu.BufferUsageCopySrc
	if init != nil {
		data := u32bytes(init)
		if uint64(len(data)) < size {
			data = append(data, make([]byte, size-uint64(len(data)))...)
		}
		return g.device.CreateBufferInit(&wgpu.BufferInitDescriptor{Label: label, Contents: data, Usage: usage})
	}
	return g.device.CreateBuffer(&wgpu.BufferDescriptor{Label: label, Size: size, Usage: usage})
}

// run is Run on the device goroutine.
func (g *GPU) run(p *Program, b *Batch, from *Snapshot, runStart uint32, pl plan) (*BatchResult, error) {
	if msg := g.lost(); msg != "" {
		return nil, errors.New(msg)
	}
	vmp, err := g.pipelineFor(g.shader)
	if err != nil {
		return nil, err
	}
	n := pl.n
	var bufs []*wgpu.Buffer
	defer func() {
		for _, x := range bufs {
			x.Release()
		}
	}()
	mk := func(label string, size uint64, init []uint32) *wgpu.Buffer {
		if err != nil {
			return nil
		}
		var buf *wgpu.Buffer
		buf, err = g.storage(label, size, init)
		if buf != nil {
			bufs = append(bufs, buf)
		}
		return buf
	}
	io := make([]uint32, n*pl.ioStride)
	for i, args := range b.Args {
		if b.Funcs != nil {
			io[uint32(i)*pl.ioStride+ioEntry] = b.Funcs[i] + 1
		}
		for k, v := range args {
			io[uint32(i)*pl.ioStride+ioValues+2*uint32(k)] = uint32(v)
			io[uint32(i)*pl.ioStride+ioValues+2*uint32(k)+1] = uint32(v >> 32)
		}
	}
	ioBytes := uint64(len(io)) * 4
	codeBuf := mk("code", uint64(len(p.Code))*4, p.Code)
	stateBuf := mk("state", uint64(pl.stateStride)*uint64(n)*4, nil)
	memBuf := mk("mem", uint64(pl.memWords)*uint64(n)*4, nil)
	ioBuf := mk("io", ioBytes, io)
	imageBuf := mk("image", 0, from.imageWords())
	if err != nil {
		return nil, err
	}
	paramBuf, err := g.device.CreateBuffer(&wgpu.BufferDescriptor{Label: "params", Size: 4 * 16, Usage: wgpu.BufferUsageUniform | wgpu.BufferUsageCopyDst})
	if err != nil {
		return nil, err
	}
	bufs = append(bufs, paramBuf)
	staging, err := g.device.CreateBuffer(&wgpu.BufferDescriptor{Label: "staging", Size: max((ioBytes+3)&^3, 16), Usage: wgpu.BufferUsageMapRead | wgpu.BufferUsageCopyDst})
	if err != nil {
		return nil, err
	}
	bufs = append(bufs, staging)
	whole := func(bu *wgpu.Buffer, i uint32) wgpu.BindGroupEntry {
		return wgpu.BindGroupEntry{Binding: i, Buffer: bu, Size: wgpu.WholeSize}
	}
	bg, err := g.device.CreateBindGroup(&wgpu.BindGroupDescriptor{Layout: g.shared.groupLayout, Entries: []wgpu.BindGroupEntry{
		whole(codeBuf, 0), whole(stateBuf, 1), whole(memBuf, 2), whole(ioBuf, 3), whole(imageBuf, 4), whole(paramBuf, 5),
	}})
	if err != nil {
		return nil, err
	}
	defer bg.Release()
	params := make([]uint32, 16)
	params[0], params[1], params[2] = n, b.Func, pl.slice
	params[3], params[4] = uint32(pl.fuel), uint32(pl.fuel>>32)
	params[5], params[6], params[7], params[8], params[9] = pl.stackSlots, pl.maxDepth, pl.stateStride, pl.memWords, pl.maxPages
	params[10], params[11] = runStart, pl.ioStride
	if err := g.queue.WriteBuffer(paramBuf, 0, u32bytes(params)); err != nil {
		return nil, err
	}
	out := &BatchResult{CapturedAt: -1}
	var words []uint32
	for {
		out.Dispatches++
		enc, err := g.device.CreateCommandEncoder(nil)
		if err != nil {
			return nil, err
		}
		pass := enc.BeginComputePass(nil)
		pass.SetPipeline(vmp.pipeline)
		pass.SetBindGroup(0, bg, nil)
		pass.DispatchWorkgroups((n+63)/64, 1, 1)
		pass.End()
		pass.Release()
		enc.CopyBufferToBuffer(ioBuf, 0, staging, 0, ioBytes)
		cmd, err := enc.Finish(nil)
		enc.Release()
		if err != nil {
			return nil, err
		}
		g.queue.Submit(cmd)
		cmd.Release()
		raw, err := g.readback(staging, ioBytes, pl.deadline)
		if err != nil {
			return nil, err
		}
		words = raw
		pending := false
		for i := uint32(0); i < n; i++ {
			if words[i*pl.ioStride] < 2 {
				pending = true
				break
			}
		}
		if !pending {
			break
		}
	}
	for i := uint32(0); i < n; i++ {
		f := b.Func
		if b.Funcs != nil {
			f = b.Funcs[i]
		}
		nres := len(p.Funcs[f].Type.Results)
		w := words[i*pl.ioStride : (i+1)*pl.ioStride]
		r := Result{Instructions: uint64(w[4]) | uint64(w[5])<<32, Dirty: w[6]&1 != 0, GrowLimited: w[6]&2 != 0}
		if w[0] == 3 {
			r.Trap = TrapKind(w[1])
			r.TrapFunc = w[3]
			if int(w[2]) < len(p.PCOffset) {
				r.TrapOffset = p.PCOffset[w[2]]
			}
		} else {
			for k := 0; k < nres; k++ {
				r.Values = append(r.Values, uint64(w[ioValues+2*k])|uint64(w[ioValues+2*k+1])<<32)
			}
		}
		out.Results = append(out.Results, r)
		if b.CaptureFirstDirty && out.CapturedAt < 0 && r.Dirty {
			out.CapturedAt = int(i)
			snap, err := g.capture(p, stateBuf, memBuf, i, pl, w[7])
			if err != nil {
				return nil, err
			}
			out.Captured = snap
		}
	}
	return out, nil
}

// readback maps staging and returns its words, waiting until deadline.
func (g *GPU) readback(staging *wgpu.Buffer, size uint64, deadline time.Time) ([]uint32, error) {
	size = max((size+3)&^3, 16)
	done := false
	var status wgpu.BufferMapAsyncStatus
	if err := staging.MapAsync(wgpu.MapModeRead, 0, size, func(s wgpu.BufferMapAsyncStatus) {
		status = s
		done = true
	}); err != nil {
		return nil, err
	}
	for !done {
		g.device.Poll(false, nil)
		if done {
			break
		}
		if msg := g.lost(); msg != "" {
			return nil, errors.New(msg)
		}
		if time.Now().After(deadline) {
			return nil, ErrTimeout
		}
		time.Sleep(200 * time.Microsecond)
	}
	if status != wgpu.BufferMapAsyncStatusSuccess {
		return nil, fmt.Errorf("map readback buffer: %v", status)
	}
	raw := staging.GetMappedRange(0, uint(size))
	w := make([]uint32, size/4)
	for i := range w {
		w[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	staging.Unmap()
	return w, nil
}

// capture reads back the globals and memory of instance i.
func (g *GPU) capture(p *Program, stateBuf, memBuf *wgpu.Buffer, i uint32, pl plan, pages uint32) (*Snapshot, error) {
	ng := uint64(len(p.Module.Globals))
	memBytes := uint64(pages) * 65536
	size := 8*ng + memBytes
	staging, err := g.device.CreateBuffer(&wgpu.BufferDescriptor{Label: "capture", Size: max(size, 16), Usage: wgpu.BufferUsageMapRead | wgpu.BufferUsageCopyDst})
	if err != nil {
		return nil, err
	}
	defer staging.Release()
	enc, err := g.device.CreateCommandEncoder(nil)
	if err != nil {
		return nil, err
	}
	if ng > 0 {
		enc.CopyBufferToBuffer(stateBuf, (uint64(i)*uint64(pl.stateStride)+stHeader)*4, staging, 0, 8*ng)
	}
	if memBytes > 0 {
		enc.CopyBufferToBuffer(memBuf, uint64(i)*uint64(pl.memWords)*4, staging, 8*ng, memBytes)
	}
	cmd, err := enc.Finish(nil)
	enc.Release()
	if err != nil {
		return nil, err
	}
	g.queue.Submit(cmd)
	cmd.Release()
	w, err := g.readback(staging, size, pl.deadline)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Pages: pages, Memory: make([]byte, memBytes)}
	for k := uint64(0); k < ng; k++ {
		s.Globals = append(s.Globals, uint64(w[2*k])|uint64(w[2*k+1])<<32)
	}
	for k := uint64(0); k < memBytes/4; k++ {
		binary.LittleEndian.PutUint32(s.Memory[4*k:], w[2*ng+k])
	}
	return s, nil
}
