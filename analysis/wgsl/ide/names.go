package ide

import "strings"

// Predeclared names the editor features know: types, enumerants,
// attributes, builtin values, texel formats, extensions and keywords.

var scalarTypes = []string{"bool", "i32", "u32", "f32", "f16"}

var genericTypes = []string{"vec2", "vec3", "vec4", "mat2x2", "mat2x3", "mat2x4", "mat3x2", "mat3x3", "mat3x4",
	"mat4x2", "mat4x3", "mat4x4", "array", "atomic", "ptr"}

var handleTypes = []string{"sampler", "sampler_comparison", "texture_1d", "texture_2d", "texture_2d_array",
	"texture_3d", "texture_cube", "texture_cube_array", "texture_multisampled_2d", "texture_depth_2d",
	"texture_depth_2d_array", "texture_depth_cube", "texture_depth_cube_array", "texture_depth_multisampled_2d",
	"texture_external", "texture_storage_1d", "texture_storage_2d", "texture_storage_2d_array", "texture_storage_3d"}

// isTypeName reports a predeclared type or type-generator name, including
// the vec3f-style aliases.
func isTypeName(name string) bool {
	for _, list := range [][]string{scalarTypes, genericTypes, handleTypes} {
		for _, n := range list {
			if n == name {
				return true
			}
		}
	}
	if len(name) >= 5 && (strings.HasPrefix(name, "vec") || strings.HasPrefix(name, "mat")) {
		switch name[len(name)-1] {
		case 'f', 'i', 'u', 'h':
			for _, g := range genericTypes[:12] {
				if g == name[:len(name)-1] {
					return true
				}
			}
		}
	}
	return false
}

var addressSpaces = []string{"function", "private", "workgroup", "uniform", "storage"}

var accessModes = []string{"read", "write", "read_write"}

var texelFormats = []string{"rgba8unorm", "rgba8snorm", "rgba8uint", "rgba8sint", "rgba16uint", "rgba16sint",
	"rgba16float", "r32uint", "r32sint", "r32float", "rg32uint", "rg32sint", "rg32float", "rgba32uint",
	"rgba32sint", "rgba32float", "bgra8unorm", "r8unorm", "r8snorm", "r8uint", "r8sint", "rg8unorm", "rg8snorm",
	"rg8uint", "rg8sint", "r16uint", "r16sint", "r16float", "rg16uint", "rg16sint", "rg16float", "rgb10a2uint",
	"rgb10a2unorm", "rg11b10ufloat"}

var extensions = []string{"f16", "clip_distances", "dual_source_blending", "subgroups", "primitive_index"}

var builtinValues = []string{"vertex_index", "instance_index", "position", "front_facing", "frag_depth",
	"sample_index", "sample_mask", "local_invocation_id", "local_invocation_index", "global_invocation_id",
	"workgroup_id", "num_workgroups", "clip_distances", "subgroup_invocation_id", "subgroup_size", "primitive_index"}

var interpolationNames = []string{"perspective", "linear", "flat", "center", "centroid", "sample", "first", "either"}

var keywords = []string{"alias", "break", "case", "const", "const_assert", "continue", "continuing", "default",
	"diagnostic", "discard", "else", "enable", "false", "fn", "for", "if", "let", "loop", "override", "requires",
	"return", "struct", "switch", "true", "var", "while"}

// attributeDocs describes each attribute; its keys are the attribute names
// offered after '@'.
var attributeDocs = map[string]string{
	"align":          "Sets a structure member's alignment in bytes (a power of two).",
	"binding":        "The binding number of a resource variable within its bind group.",
	"blend_src":      "Selects the blend source of a fragment output for dual-source blending.",
	"builtin":        "Declares that a parameter, return value or member is a built-in value such as `position` or `global_invocation_id`.",
	"compute":        "Marks a function as a compute shader entry point.",
	"const":          "Marks a function as usable in const-expressions (builtins only).",
	"diagnostic":     "Sets the severity of a diagnostic rule for the attached code.",
	"fragment":       "Marks a function as a fragment shader entry point.",
	"group":          "The bind group index of a resource variable.",
	"id":             "The pipeline-overridable constant's numeric identifier.",
	"interpolate":    "Sets how a user-defined IO value is interpolated between vertices.",
	"invariant":      "Requires a `position` output to be computed identically across shaders.",
	"location":       "The IO location of a user-defined vertex or fragment input or output.",
	"must_use":       "Makes discarding a call's result an error.",
	"size":           "Sets a structure member's size in bytes (at least its type's size).",
	"vertex":         "Marks a function as a vertex shader entry point.",
	"workgroup_size": "The compute shader's workgroup dimensions: x, and optionally y and z.",
}

// enumDocs describes enumerants.
var enumDocs = map[string]string{
	"function":   "Address space: memory private to one invocation of one function (the default for local `var`).",
	"private":    "Address space: module-scope memory private to each invocation.",
	"workgroup":  "Address space: memory shared by the invocations of one compute workgroup.",
	"uniform":    "Address space: read-only buffer memory shared by all invocations; strict layout rules apply.",
	"storage":    "Address space: buffer memory, read-only or read-write, shared by all invocations.",
	"read":       "Access mode: reads only.",
	"write":      "Access mode: writes only.",
	"read_write": "Access mode: reads and writes.",

	// Builtin values.
	"vertex_index":           "Builtin value (vertex input, u32): the index of the current vertex within the draw.",
	"instance_index":         "Builtin value (vertex input, u32): the index of the current instance within the draw.",
	"position":               "Builtin value: the vertex output clip-space position (vec4<f32>), or the fragment input framebuffer position.",
	"front_facing":           "Builtin value (fragment input, bool): whether the fragment belongs to a front-facing primitive.",
	"frag_depth":             "Builtin value (fragment output, f32): the fragment's depth, replacing the interpolated one.",
	"sample_index":           "Builtin value (fragment input, u32): the sample index of the current fragment.",
	"sample_mask":            "Builtin value (fragment input or output, u32): the sample coverage mask.",
	"local_invocation_id":    "Builtin value (compute input, vec3<u32>): the invocation's position within its workgroup.",
	"local_invocation_index": "Builtin value (compute input, u32): the linearised local_invocation_id.",
	"global_invocation_id":   "Builtin value (compute input, vec3<u32>): the invocation's position in the whole dispatch.",
	"workgroup_id":           "Builtin value (compute input, vec3<u32>): the workgroup's position in the dispatch.",
	"num_workgroups":         "Builtin value (compute input, vec3<u32>): the dispatch size in workgroups.",
	"clip_distances":         "Builtin value (vertex output, array<f32, N>): user clip distances; needs `enable clip_distances;`.",
	"subgroup_invocation_id": "Builtin value (u32): the invocation's index within its subgroup; needs `enable subgroups;`.",
	"subgroup_size":          "Builtin value (u32): the subgroup size; needs `enable subgroups;`.",
	"primitive_index":        "Builtin value (fragment input, u32): the index of the current primitive; needs `enable primitive_index;`.",

	// Interpolation.
	"perspective": "Interpolation type: perspective-correct (the default for floating-point values).",
	"linear":      "Interpolation type: linear in screen space, without perspective correction.",
	"flat":        "Interpolation type: no interpolation; the value of one vertex is used.",
	"center":      "Interpolation sampling: at the pixel centre.",
	"centroid":    "Interpolation sampling: at a point covered by the fragment within the pixel.",
	"sample":      "Interpolation sampling: per sample (the fragment shader runs once per sample).",
}
