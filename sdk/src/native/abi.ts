import koffi from 'koffi';

/**
 * koffi declarations mirroring `sdk/include/nativert_plugin.h`, member for member. Pointers the
 * host builds itself (graphs, tensor arrays) are declared as `void *` and passed as addresses
 * (see {@link NativeWriter}), so there is no size limit from koffi's per-call scratch heap.
 */

/** `NRT_API_VERSION_MAJOR` of the header this host was built with. */
export const HOST_API_MAJOR = 1;
/** `NRT_API_VERSION_MINOR` of the header this host was built with. */
export const HOST_API_MINOR = 0;
/** `NRT_MAX_RANK`: room reserved for sizes/strides of each execute output. */
export const MAX_RANK = 16;
/** `NRT_DIM_SYMBOLIC`. */
export const DIM_SYMBOLIC = -1n;
/** `NRT_NODE_FLAG_TAKEN`. */
export const NODE_FLAG_TAKEN = 1;

/** `NrtValueKind`. */
export const ValueKind = { Tensor: 1, SymInt: 2, SymFloat: 3, SymBool: 4, Other: 5 } as const;

/** `NrtAttrKind`. */
export const AttrKind = {
  None: 0, Int: 1, Float: 2, Bool: 3, String: 4, Ints: 5, Floats: 6, Value: 7, Values: 8, DType: 9, Unsupported: 10,
} as const;

export const NrtOption = koffi.struct('NrtOption', { struct_size: 'size_t', key: 'void *', value: 'void *' });

export const NrtPluginInfo = koffi.struct('NrtPluginInfo', {
  struct_size: 'size_t', name: 'const char *', vendor: 'const char *', version: 'const char *',
});

export const NrtDeviceInfo = koffi.struct('NrtDeviceInfo', {
  struct_size: 'size_t', type: 'const char *', index: 'int32_t', memory_bytes: 'uint64_t',
});

export const NrtValueInfo = koffi.struct('NrtValueInfo', {
  struct_size: 'size_t', name: 'void *', kind: 'int32_t', dtype: 'int32_t', rank: 'size_t', sizes: 'void *',
});

export const NrtAttribute = koffi.struct('NrtAttribute', {
  struct_size: 'size_t', name: 'void *', kind: 'int32_t', i: 'int64_t', f: 'double', s: 'void *',
  ints: 'void *', num_ints: 'size_t', floats: 'void *', num_floats: 'size_t',
});

export const NrtNode = koffi.struct('NrtNode', {
  struct_size: 'size_t', name: 'void *', target: 'void *', inputs: 'void *', num_inputs: 'size_t',
  outputs: 'void *', num_outputs: 'size_t', attributes: 'void *', num_attributes: 'size_t', flags: 'uint32_t',
});

export const NrtGraph = koffi.struct('NrtGraph', {
  struct_size: 'size_t', values: 'void *', num_values: 'size_t', nodes: 'void *', num_nodes: 'size_t',
  inputs: 'void *', num_inputs: 'size_t', outputs: 'void *', num_outputs: 'size_t',
});

export const NrtCapability = koffi.struct('NrtCapability', {
  struct_size: 'size_t', node_indices: 'void *', num_node_indices: 'size_t', group_offsets: 'void *',
  num_groups: 'size_t', node_notes: 'void *', num_node_notes: 'size_t',
});

export const NrtTensor = koffi.struct('NrtTensor', {
  struct_size: 'size_t', data: 'void *', byte_offset: 'uint64_t', dtype: 'int32_t', device_index: 'int32_t',
  rank: 'size_t', sizes: 'void *', strides: 'void *',
});

/** The function table's members after `struct_size`, `api_major`, `api_minor`, in header order, with their prototypes. */
export const API_MEMBERS = {
  Plugin_GetLastError: koffi.proto('const char *Nrt_GetLastError(void *plugin)'),
  Plugin_Create: koffi.proto('int32_t Nrt_Create(void *options, size_t num_options, _Out_ void **out_plugin)'),
  Plugin_Destroy: koffi.proto('int32_t Nrt_Destroy(void *plugin)'),
  Plugin_GetInfo: koffi.proto('int32_t Nrt_GetInfo(void *plugin, _Inout_ NrtPluginInfo *info)'),
  Plugin_GetDeviceCount: koffi.proto('int32_t Nrt_GetDeviceCount(void *plugin, _Out_ size_t *out_count)'),
  Plugin_GetDeviceInfo: koffi.proto('int32_t Nrt_GetDeviceInfo(void *plugin, size_t index, _Inout_ NrtDeviceInfo *info)'),
  Plugin_GetCapability: koffi.proto('int32_t Nrt_GetCapability(void *plugin, void *graph, _Out_ void **out_capability)'),
  Capability_Release: koffi.proto('int32_t Nrt_CapabilityRelease(void *plugin, void *capability)'),
  Plugin_Prepare: koffi.proto('int32_t Nrt_Prepare(void *plugin, void *graph, int32_t device_index, _Out_ void **out_executable)'),
  Executable_Execute: koffi.proto('int32_t Nrt_Execute(void *plugin, void *executable, void *inputs, size_t num_inputs, void *outputs, size_t num_outputs)'),
  Executable_Release: koffi.proto('int32_t Nrt_ExecutableRelease(void *plugin, void *executable)'),
  DeviceMemory_Alloc: koffi.proto('int32_t Nrt_Alloc(void *plugin, int32_t device_index, size_t byte_size, _Out_ void **out_data)'),
  DeviceMemory_Free: koffi.proto('int32_t Nrt_Free(void *plugin, void *data)'),
  DeviceMemory_CopyFromHost: koffi.proto('int32_t Nrt_CopyFromHost(void *plugin, void *dst, uint64_t dst_offset, void *src, size_t byte_size)'),
  DeviceMemory_CopyToHost: koffi.proto('int32_t Nrt_CopyToHost(void *plugin, void *dst, void *src, uint64_t src_offset, size_t byte_size)'),
} as const;

/** Name of a function-table member. */
export type ApiMember = keyof typeof API_MEMBERS;

/** Byte offset of the first function pointer: after `size_t struct_size` and two `uint32_t` versions. */
export const API_FIRST_MEMBER_OFFSET = koffi.sizeof('size_t') + 8;

/** Size of a function pointer in the table. */
export const POINTER_SIZE = koffi.sizeof('void *');
