package vm

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"

	"github.com/cogentcore/webgpu/wgpu"
	"github.com/rts-lsp/rts-lsp/shaders"
)

// shaderKey names a VM shader source by its SHA-256; the zero key is the
// embedded shaders.WasmVM.
type shaderKey struct {
	hash [32]byte
	src  string
}

// vmPipeline is one compiled VM shader.
type vmPipeline struct {
	module   *wgpu.ShaderModule
	pipeline *wgpu.ComputePipeline
}

func (p *vmPipeline) release() {
	p.pipeline.Release()
	p.module.Release()
}

// vmBindings is the VM shader's interface (shaders/wasm_vm.wgsl): group 0,
// code, state, mem, io, image and params. Every pipeline is built against
// this explicit layout, so a custom shader whose bindings differ is
// rejected at pipeline creation (a *ShaderError) rather than at Run; asking
// a pipeline for its implicit layout instead aborts the process in
// wgpu-native when the shader declares no group 0.
var vmBindings = []wgpu.BufferBindingType{
	wgpu.BufferBindingTypeReadOnlyStorage, // 0 code
	wgpu.BufferBindingTypeStorage,         // 1 state
	wgpu.BufferBindingTypeStorage,         // 2 mem
	wgpu.BufferBindingTypeStorage,         // 3 io
	wgpu.BufferBindingTypeReadOnlyStorage, // 4 image
	wgpu.BufferBindingTypeUniform,         // 5 params
}

// makeLayout creates the VM's bind group and pipeline layouts (device
// goroutine only).
func (g *GPU) makeLayout() error {
	var entries []wgpu.BindGroupLayoutEntry
	for i, t := range vmBindings {
		entries = append(entries, wgpu.BindGroupLayoutEntry{
			Binding: uint32(i), Visibility: wgpu.ShaderStageCompute, Buffer: wgpu.BufferBindingLayout{Type: t},
		})
	}
	bgl, err := g.device.CreateBindGroupLayout(&wgpu.BindGroupLayoutDescriptor{Label: "wasm_vm group 0", Entries: entries})
	if err != nil {
		return fmt.Errorf("VM bind group layout: %w", err)
	}
	pl, err := g.device.CreatePipelineLayout(&wgpu.PipelineLayoutDescriptor{Label: "wasm_vm", BindGroupLayouts: []*wgpu.BindGroupLayout{bgl}})
	if err != nil {
		bgl.Release()
		return fmt.Errorf("VM pipeline layout: %w", err)
	}
	g.shared.groupLayout, g.shared.pipeLayout = bgl, pl
	return nil
}

// maxCustomPipelines bounds the pipelines kept for custom shaders (one per
// saved version of an edited VM shader); the least recently used goes first.
const maxCustomPipelines = 8

// gpuShared is the state every view of one device shares.
type gpuShared struct {
	lostMu  sync.Mutex
	lostMsg string

	// Owned by the device goroutine.
	groupLayout *wgpu.BindGroupLayout // vmBindings
	pipeLayout  *wgpu.PipelineLayout
	embedded    *vmPipeline
	custom      map[[32]byte]*vmPipeline
	order       [][32]byte // custom keys, least recently used first
}

// WithShader compiles src as the VM shader on g's device and returns a GPU
// that runs batches with it; g itself is unchanged and both stay usable.
// Pipelines are cached by the source's SHA-256, so asking again for the
// same source is cheap. src must keep the embedded shader's interface
// (entry point "main", bindings 0-5 of group 0 as vmBindings lists them,
// the same buffer layouts); different bindings are a *ShaderError here,
// different buffer layouts give wrong results.
//
// When the source does not compile, or the pipeline is rejected, the error
// is a *ShaderError; the device stays usable either way.
func (g *GPU) WithShader(src string) (*GPU, error) {
	var key shaderKey // the embedded source keeps the zero key
	if src != shaders.WasmVM {
		key = shaderKey{hash: sha256.Sum256([]byte(src)), src: src}
	}
	err := g.do(func() error {
		_, err := g.pipelineFor(key)
		return err
	})
	if err != nil {
		return nil, err
	}
	v := *g
	v.shader = key
	return &v, nil
}

// OpenGPUWithShader is OpenGPU followed by WithShader: a device of its own
// whose VM shader is src. GPU has no Close, so the device stays open for
// the life of the process even when the shader is rejected: prefer
// DefaultGPU().WithShader, which shares the process's one device.
func OpenGPUWithShader(src string) (*GPU, error) {
	g, err := OpenGPU()
	if err != nil {
		return nil, err
	}
	return g.WithShader(src)
}

// ShaderHash is the SHA-256 of the VM shader source g runs, in hex; ""
// for the embedded shader.
func (g *GPU) ShaderHash() string {
	if g.shader.hash == ([32]byte{}) {
		return ""
	}
	return fmt.Sprintf("%x", g.shader.hash)
}

// pipelineFor returns the compiled pipeline of key, compiling it when it is
// not cached (device goroutine only).
func (g *GPU) pipelineFor(key shaderKey) (*vmPipeline, error) {
	sh := g.shared
	if key.hash == ([32]byte{}) {
		return sh.embedded, nil
	}
	if p, ok := sh.custom[key.hash]; ok {
		sh.touch(key.hash)
		return p, nil
	}
	p, err := g.compile(key.src)
	if err != nil {
		return nil, err
	}
	if sh.custom == nil {
		sh.custom = map[[32]byte]*vmPipeline{}
	}
	sh.custom[key.hash] = p
	sh.order = append(sh.order, key.hash)
	if len(sh.order) > maxCustomPipelines {
		old := sh.order[0]
		sh.order = sh.order[1:]
		sh.custom[old].release()
		delete(sh.custom, old)
	}
	return p, nil
}

func (sh *gpuShared) touch(h [32]byte) {
	for i, k := range sh.order {
		if k == h {
			sh.order = append(append(sh.order[:i:i], sh.order[i+1:]...), h)
			return
		}
	}
}

// compile builds the VM pipeline from WGSL source (device goroutine only).
// Compile and pipeline validation errors come back as *ShaderError.
func (g *GPU) compile(src string) (*vmPipeline, error) {
	mod, err := g.device.CreateShaderModule(&wgpu.ShaderModuleDescriptor{
		Label:          "wasm_vm.wgsl",
		WGSLDescriptor: &wgpu.ShaderModuleWGSLDescriptor{Code: src},
	})
	if err != nil {
		if mod != nil {
			mod.Release()
		}
		return nil, shaderError("compile", err)
	}
	pipe, err := g.device.CreateComputePipeline(&wgpu.ComputePipelineDescriptor{
		Label:   "wasm_vm",
		Layout:  g.shared.pipeLayout,
		Compute: wgpu.ProgrammableStageDescriptor{Module: mod, EntryPoint: "main"},
	})
	if err != nil {
		if pipe != nil {
			pipe.Release()
		}
		mod.Release()
		return nil, shaderError("pipeline", err)
	}
	return &vmPipeline{module: mod, pipeline: pipe}, nil
}

// shaderError wraps a WebGPU error of the given stage as a *ShaderError.
func shaderError(stage string, err error) error {
	raw := err.Error()
	var we *wgpu.Error
	if errors.As(err, &we) {
		raw = we.Message
	}
	se := ParseShaderError(raw)
	se.Stage = stage
	return se
}
