/*
 * nativert_plugin.h -- the native plugin C ABI of nativert-ts, version 1.0.
 *
 * A plugin is a shared library exporting one symbol:
 *
 *     const NrtPluginApi* NrtGetPluginApi(uint32_t host_major, uint32_t host_minor);
 *
 * It returns a table of function pointers (NrtPluginApi). The host (the TypeScript runtime,
 * through koffi) calls only through that table.
 *
 * Rules that hold for every declaration below:
 *  - Every struct starts with `size_t struct_size`, set by whoever fills the struct to
 *    sizeof(the struct as it knew it). Structs only grow at the end (append-only); a reader
 *    checks struct_size before touching a member added in a later minor version.
 *  - Every function takes the object it acts on first (the "this" pointer), returns an
 *    NrtStatus (0 = OK), passes arrays as pointer + count, and is named Type_Verb.
 *  - Errors never cross the ABI as C++ exceptions, signals or aborts: a plugin catches
 *    everything at its boundary and returns a status; the message is read with
 *    Plugin_GetLastError.
 *  - "since 1.0" marks the minor version a member appeared in. "optional" members may be NULL;
 *    the host checks before calling. "required" members must be non-NULL.
 *
 * Versioning promise: within a major version, nothing is removed, reordered or changed in
 * meaning; new members are appended and new enum values added. A host refuses a plugin of a
 * different major version; a plugin of an older minor keeps working (the host does not call
 * members beyond the plugin's struct_size); a plugin of a newer minor works with an older host
 * (the host simply does not know the newer members).
 */
#ifndef NATIVERT_PLUGIN_H
#define NATIVERT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Major version of this header: a host refuses plugins built against another major. */
#define NRT_API_VERSION_MAJOR 1
/** Minor version of this header: bumped when members or enum values are appended. */
#define NRT_API_VERSION_MINOR 0

/** Highest tensor rank the host reserves room for in execute output descriptors. */
#define NRT_MAX_RANK 16

/** A dimension size that is symbolic at export time (known only at execute). */
#define NRT_DIM_SYMBOLIC ((int64_t)-1)

/** The struct_size of `type` when its last known member is `member`. */
#define NRT_STRUCT_SIZE(type, member) (offsetof(type, member) + sizeof(((type*)0)->member))

#if defined(_WIN32)
#define NRT_EXPORT __declspec(dllexport)
#else
#define NRT_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------------------------ */
/* Enumerations. Fixed-width typedefs keep their size stable across compilers.                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * Result of every fallible call. Numbered as `ErrorCode` in core/src/errors/error-code.ts, so
 * the host maps a status straight onto a typed NativertError. Since 1.0.
 */
typedef int32_t NrtStatus;
enum {
  NATIVERT_STATUS_OK = 0,
  NATIVERT_STATUS_INVALID_ARCHIVE = 1,
  NATIVERT_STATUS_UNSUPPORTED_VERSION = 2,
  NATIVERT_STATUS_NOT_FOUND = 3,
  NATIVERT_STATUS_INVALID_INPUT = 4,
  NATIVERT_STATUS_UNSUPPORTED_OPERATOR = 5,
  NATIVERT_STATUS_PLUGIN_FAILURE = 6,
  NATIVERT_STATUS_ASSERTION_FAILED = 7,
  NATIVERT_STATUS_INVALID_ARGUMENT = 8,
  NATIVERT_STATUS_NATIVE_CODE_NOT_ALLOWED = 9,
  NATIVERT_STATUS_INTERNAL = 10
};

/** Element type, numbered as the torch.export schema's ScalarType (not c10's). Since 1.0. */
typedef int32_t NrtDType;
enum {
  NRT_DTYPE_UINT8 = 1,
  NRT_DTYPE_INT8 = 2,
  NRT_DTYPE_INT16 = 3,
  NRT_DTYPE_INT32 = 4,
  NRT_DTYPE_INT64 = 5,
  NRT_DTYPE_FLOAT16 = 6,
  NRT_DTYPE_FLOAT32 = 7,
  NRT_DTYPE_FLOAT64 = 8,
  NRT_DTYPE_COMPLEX64 = 10,
  NRT_DTYPE_COMPLEX128 = 11,
  NRT_DTYPE_BOOL = 12,
  NRT_DTYPE_BFLOAT16 = 13,
  NRT_DTYPE_UINT16 = 28,
  NRT_DTYPE_UINT32 = 34,
  NRT_DTYPE_UINT64 = 35
};

/** What a graph value is. Since 1.0. */
typedef int32_t NrtValueKind;
enum {
  NRT_VALUE_TENSOR = 1,
  NRT_VALUE_SYM_INT = 2,
  NRT_VALUE_SYM_FLOAT = 3,
  NRT_VALUE_SYM_BOOL = 4,
  /** Anything else (custom objects): a plugin should not claim nodes reading it. */
  NRT_VALUE_OTHER = 5
};

/** Tag of an NrtAttribute: which of its members hold the value. Since 1.0. */
typedef int32_t NrtAttrKind;
enum {
  /** An absent optional argument (Python None). No member is set. */
  NRT_ATTR_NONE = 0,
  /** `i` holds an integer (also a literal SymInt). */
  NRT_ATTR_INT = 1,
  /** `f` holds a float (also a literal SymFloat). */
  NRT_ATTR_FLOAT = 2,
  /** `i` holds 0 or 1. */
  NRT_ATTR_BOOL = 3,
  /** `s` holds a NUL-terminated UTF-8 string. */
  NRT_ATTR_STRING = 4,
  /** `ints`/`num_ints` hold an int list (bool lists as 0/1). */
  NRT_ATTR_INTS = 5,
  /** `floats`/`num_floats` hold a float list. */
  NRT_ATTR_FLOATS = 6,
  /** `i` holds the id of one graph value (a tensor or a symbolic scalar). */
  NRT_ATTR_VALUE = 7,
  /** `ints`/`num_ints` hold graph value ids (a tensor list); -1 marks a None entry. */
  NRT_ATTR_VALUES = 8,
  /** `i` holds an NrtDType (a `dtype=` argument). */
  NRT_ATTR_DTYPE = 9,
  /** A kind this version cannot express (graphs, layouts, ...); `s` names the schema kind. */
  NRT_ATTR_UNSUPPORTED = 10
};

/** Bits of NrtNode.flags. Since 1.0. */
enum {
  /** The node is already given to a higher-priority delegate; a claim on it is ignored. */
  NRT_NODE_FLAG_TAKEN = 1u
};

/* ------------------------------------------------------------------------------------------ */
/* Opaque objects, owned by the plugin.                                                        */
/* ------------------------------------------------------------------------------------------ */

/** One instance of the plugin (created per delegate). */
typedef struct NrtPlugin NrtPlugin;
/** A prepared subgraph, ready to execute. */
typedef struct NrtExecutable NrtExecutable;

/* ------------------------------------------------------------------------------------------ */
/* Plain data structs.                                                                         */
/* ------------------------------------------------------------------------------------------ */

/** One key/value option from the integrator (`pluginOptions[name]`, values as strings). Since 1.0. */
typedef struct NrtOption {
  size_t struct_size;
  /** Option name, NUL-terminated. Owned by the host, valid during the call only. */
  const char* key;
  /** Option value as text (numbers and booleans printed by the host). Same ownership. */
  const char* value;
} NrtOption;

/** Who the plugin is. Filled by Plugin_GetInfo. Since 1.0. */
typedef struct NrtPluginInfo {
  /** Set by the host to the size it allocated; the plugin fills only members that fit. */
  size_t struct_size;
  /** Delegate name used in priority lists (`mtia-stub`). Owned by the plugin, valid until Plugin_Destroy. */
  const char* name;
  /** Vendor name. Same ownership. */
  const char* vendor;
  /** Plugin version string (semver recommended). Same ownership. */
  const char* version;
} NrtPluginInfo;

/** One device the plugin drives. Filled by Plugin_GetDeviceInfo. Since 1.0. */
typedef struct NrtDeviceInfo {
  /** Set by the host; the plugin fills only members that fit. */
  size_t struct_size;
  /** Device type as PyTorch names it (`mtia`, `cuda`). Owned by the plugin, valid until Plugin_Destroy. */
  const char* type;
  /** Index among devices of that type. */
  int32_t index;
  /** Device memory in bytes (0 when unknown). */
  uint64_t memory_bytes;
} NrtDeviceInfo;

/** A graph value: a tensor with static metadata or a symbolic scalar. Since 1.0. */
typedef struct NrtValueInfo {
  size_t struct_size;
  /** The value's name in the program (for messages). Host-owned, valid during the call. */
  const char* name;
  NrtValueKind kind;
  /** Element type; meaningful for NRT_VALUE_TENSOR only. */
  NrtDType dtype;
  /** Number of dimensions; 0 for scalars and 0-d tensors. */
  size_t rank;
  /** `rank` sizes, NRT_DIM_SYMBOLIC for symbolic ones. Host-owned, valid during the call. */
  const int64_t* sizes;
} NrtValueInfo;

/** One schema argument of a node (tensor arguments included, as NRT_ATTR_VALUE). Since 1.0. */
typedef struct NrtAttribute {
  size_t struct_size;
  /** Schema argument name (`self`, `other`, `alpha`, `dim`). Host-owned, valid during the call. */
  const char* name;
  NrtAttrKind kind;
  int64_t i;
  double f;
  const char* s;
  const int64_t* ints;
  size_t num_ints;
  const double* floats;
  size_t num_floats;
} NrtAttribute;

/** One operator call. Since 1.0. */
typedef struct NrtNode {
  size_t struct_size;
  /** Node name, unique in the graph. Host-owned, valid during the call. */
  const char* name;
  /** Operator without the `torch.ops.` prefix: `aten.addmm.default`. Same ownership. */
  const char* target;
  /** Ids (indices into NrtGraph.values) of every value read, in argument order. */
  const int32_t* inputs;
  size_t num_inputs;
  /** Ids of every value defined, in output order. */
  const int32_t* outputs;
  size_t num_outputs;
  /** The node's schema arguments, in schema order; arguments left at default are absent. */
  const NrtAttribute* attributes;
  size_t num_attributes;
  /** NRT_NODE_FLAG_* bits. */
  uint32_t flags;
} NrtNode;

/**
 * A dataflow graph in topological order: the whole program (capability query) or one
 * partition (prepare). Everything it points to is host-owned and valid during the call only:
 * a plugin copies what it keeps.  Since 1.0.
 */
typedef struct NrtGraph {
  size_t struct_size;
  const NrtValueInfo* values;
  size_t num_values;
  const NrtNode* nodes;
  size_t num_nodes;
  /** Value ids the graph reads from outside, in the order execute receives them. */
  const int32_t* inputs;
  size_t num_inputs;
  /** Value ids the graph returns, in the order execute must produce them. */
  const int32_t* outputs;
  size_t num_outputs;
} NrtGraph;

/**
 * A plugin's answer to Plugin_GetCapability, in compressed-row form: group g is
 * node_indices[group_offsets[g] .. group_offsets[g+1]) (indices into NrtGraph.nodes). A
 * one-node group means "I have a kernel for this node"; a larger one "these run fused".
 * Owned by the plugin until Capability_Release.  Since 1.0.
 */
typedef struct NrtCapability {
  size_t struct_size;
  const int32_t* node_indices;
  size_t num_node_indices;
  /** num_groups + 1 offsets into node_indices; the first is 0, the last num_node_indices. */
  const size_t* group_offsets;
  size_t num_groups;
  /**
   * Optional (may be NULL with num_node_notes 0): one entry per graph node, the reason a node
   * was refused, or NULL where none is given. Shown in the partition report.
   */
  const char* const* node_notes;
  size_t num_node_notes;
} NrtCapability;

/**
 * A tensor passed to or returned from Executable_Execute. The memory lives on the plugin's
 * device: `data` is a pointer returned by DeviceMemory_Alloc (the host never dereferences it
 * and never does arithmetic on it; it adds offsets through `byte_offset`).  Since 1.0.
 */
typedef struct NrtTensor {
  size_t struct_size;
  /** Device allocation (DeviceMemory_Alloc) holding the elements. */
  void* data;
  /** Byte offset of element [0,...,0] within `data`. */
  uint64_t byte_offset;
  NrtDType dtype;
  /** Index of the device (as in NrtDeviceInfo.index) the allocation lives on. */
  int32_t device_index;
  /**
   * Inputs: the rank. Outputs: on entry, the capacity of `sizes` and `strides`
   * (NRT_MAX_RANK); on return, the rank the plugin produced.
   */
  size_t rank;
  /** `rank` sizes. Inputs: host-owned, read-only. Outputs: host-owned buffer the plugin fills. */
  int64_t* sizes;
  /** `rank` strides in elements. Same ownership as `sizes`. */
  int64_t* strides;
} NrtTensor;

/* ------------------------------------------------------------------------------------------ */
/* The function table.                                                                         */
/* ------------------------------------------------------------------------------------------ */

/**
 * Every entry point of a plugin. Returned by NrtGetPluginApi; static storage in the plugin,
 * never freed by the host. Threading: a plugin must accept calls from any host thread, and
 * concurrent Executable_Execute calls on one executable (keep per-run state on the stack);
 * the nativert-ts host currently calls everything from the JavaScript thread.
 */
typedef struct NrtPluginApi {
  /** sizeof(NrtPluginApi) as the plugin was compiled. The host calls no member past it. Since 1.0. */
  size_t struct_size;
  /** NRT_API_VERSION_MAJOR the plugin was compiled with. Since 1.0. */
  uint32_t api_major;
  /** NRT_API_VERSION_MINOR the plugin was compiled with. Since 1.0. */
  uint32_t api_minor;

  /**
   * The message of the last failed call made on this thread. Required. Since 1.0.
   * @param plugin in: the instance the failed call was made on, or NULL after a failed Plugin_Create.
   * @return NUL-terminated UTF-8, never NULL (empty when there was no failure). Owned by the
   *         plugin; valid until the next call into the plugin from the same thread: copy it at once.
   */
  const char* (*Plugin_GetLastError)(const NrtPlugin* plugin);

  /**
   * Creates an instance. Required. Since 1.0.
   * @param options in: num_options key/value pairs, host-owned, valid during the call.
   * @param out_plugin out: the new instance, owned by the host until Plugin_Destroy.
   */
  NrtStatus (*Plugin_Create)(const NrtOption* options, size_t num_options, NrtPlugin** out_plugin);

  /**
   * Destroys an instance with everything it still owns (executables, device memory,
   * capabilities). Required. Since 1.0. No call on `plugin` follows.
   */
  NrtStatus (*Plugin_Destroy)(NrtPlugin* plugin);

  /**
   * Describes the plugin. Required. Since 1.0.
   * @param info in/out: struct_size set by the host; the plugin fills the members that fit.
   *        Strings are plugin-owned, valid until Plugin_Destroy.
   */
  NrtStatus (*Plugin_GetInfo)(NrtPlugin* plugin, NrtPluginInfo* info);

  /**
   * Number of devices this instance drives (0 makes the delegate unavailable). Required. Since 1.0.
   * @param out_count out.
   */
  NrtStatus (*Plugin_GetDeviceCount)(NrtPlugin* plugin, size_t* out_count);

  /**
   * Describes device `index` (0 <= index < count). Required. Since 1.0.
   * @param info in/out: struct_size set by the host. Strings plugin-owned, valid until Plugin_Destroy.
   */
  NrtStatus (*Plugin_GetDeviceInfo)(NrtPlugin* plugin, size_t index, NrtDeviceInfo* info);

  /**
   * Says which nodes of `graph` the plugin can run. Required. Since 1.0.
   * @param graph in: the whole program graph, host-owned, valid during the call.
   * @param out_capability out: plugin-owned; the host calls Capability_Release when done.
   */
  NrtStatus (*Plugin_GetCapability)(NrtPlugin* plugin, const NrtGraph* graph, NrtCapability** out_capability);

  /** Frees a result of Plugin_GetCapability. Required. Since 1.0. */
  NrtStatus (*Capability_Release)(NrtPlugin* plugin, NrtCapability* capability);

  /**
   * Compiles one partition for execution. Required. Since 1.0.
   * @param graph in: the partition (its inputs are weights, user inputs and other partitions'
   *        outputs), host-owned, valid during the call: copy what you keep.
   * @param device_index in: the device it runs on.
   * @param out_executable out: owned by the host until Executable_Release.
   */
  NrtStatus (*Plugin_Prepare)(NrtPlugin* plugin, const NrtGraph* graph, int32_t device_index, NrtExecutable** out_executable);

  /**
   * Runs a prepared partition. Required. Since 1.0.
   * @param inputs in: one descriptor per graph input, in NrtGraph.inputs order; the memory is
   *        the host's (allocated through DeviceMemory_Alloc) and must not be freed or kept.
   * @param outputs in/out: one descriptor per graph output. On entry `sizes`/`strides` point to
   *        host buffers of `rank` (= NRT_MAX_RANK) entries. The plugin sets every other member;
   *        `data` must be a fresh DeviceMemory_Alloc allocation, which the host then owns and
   *        frees with DeviceMemory_Free. On failure the plugin frees what it allocated.
   */
  NrtStatus (*Executable_Execute)(NrtPlugin* plugin, NrtExecutable* executable, const NrtTensor* inputs, size_t num_inputs,
                                  NrtTensor* outputs, size_t num_outputs);

  /** Frees an executable. Required. Since 1.0. No call on `executable` follows. */
  NrtStatus (*Executable_Release)(NrtPlugin* plugin, NrtExecutable* executable);

  /**
   * Allocates device memory. Required. Since 1.0.
   * @param out_data out: an opaque device pointer (never dereferenced by the host), owned by
   *        the host until DeviceMemory_Free. A zero-byte request returns a valid pointer.
   */
  NrtStatus (*DeviceMemory_Alloc)(NrtPlugin* plugin, int32_t device_index, size_t byte_size, void** out_data);

  /** Frees memory from DeviceMemory_Alloc or from an execute output. Required. Since 1.0. */
  NrtStatus (*DeviceMemory_Free)(NrtPlugin* plugin, void* data);

  /**
   * Copies `byte_size` host bytes from `src` to device allocation `dst` at `dst_offset`.
   * Synchronous: `src` may be reused when it returns. Required. Since 1.0.
   */
  NrtStatus (*DeviceMemory_CopyFromHost)(NrtPlugin* plugin, void* dst, uint64_t dst_offset, const void* src, size_t byte_size);

  /**
   * Copies `byte_size` bytes from device allocation `src` at `src_offset` to host memory `dst`.
   * Synchronous. Required. Since 1.0.
   */
  NrtStatus (*DeviceMemory_CopyToHost)(NrtPlugin* plugin, void* dst, const void* src, uint64_t src_offset, size_t byte_size);
} NrtPluginApi;

/**
 * The one exported entry point. The host passes its own NRT_API_VERSION_MAJOR/MINOR; the
 * plugin returns its table (api_major/api_minor say what it was built against) or NULL when it
 * cannot serve that host at all. The host refuses a table whose api_major differs from its own.
 */
NRT_EXPORT const NrtPluginApi* NrtGetPluginApi(uint32_t host_major, uint32_t host_minor);

/** Signature of NrtGetPluginApi, for hosts that look the symbol up. */
typedef const NrtPluginApi* (*NrtGetPluginApiFn)(uint32_t host_major, uint32_t host_minor);

#ifdef __cplusplus
}
#endif

#endif /* NATIVERT_PLUGIN_H */
