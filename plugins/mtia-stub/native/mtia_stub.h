/*
 * Internals shared by the mtia-stub source files. Not part of the ABI: the ABI is
 * sdk/include/nativert_plugin.h and the one exported symbol NrtGetPluginApi.
 */
#ifndef MTIA_STUB_H
#define MTIA_STUB_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "nativert_plugin.h"

#define MTIA_MAX_RANK 8

/* ---- errors (plugin.c) ---------------------------------------------------------------- */

/** Records a printf-style message as this thread's last error and returns `status`. */
NrtStatus mtia_fail(NrtStatus status, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- fault injection (plugin.c) ------------------------------------------------------- */

/** Where the stub fails on purpose, chosen by option `fault` or env MTIA_STUB_FAULT. */
typedef enum MtiaFault { MTIA_FAULT_NONE, MTIA_FAULT_LOAD, MTIA_FAULT_PREPARE, MTIA_FAULT_EXECUTE, MTIA_FAULT_WRONG_SHAPE } MtiaFault;

/* ---- the simulated device memory (arena.c) -------------------------------------------- */

typedef struct MtiaBlock {
  size_t offset;
  size_t size;
  int free;
  struct MtiaBlock* next;
} MtiaBlock;

/** One contiguous host allocation standing in for device memory, carved first-fit. */
typedef struct MtiaArena {
  uint8_t* base;
  size_t capacity;
  MtiaBlock* blocks;
  pthread_mutex_t lock;
} MtiaArena;

int mtia_arena_init(MtiaArena* arena, size_t capacity);
void mtia_arena_destroy(MtiaArena* arena);
/** Allocates `size` bytes; returns the opaque device pointer or NULL (error recorded). */
void* mtia_arena_alloc(MtiaArena* arena, size_t size);
NrtStatus mtia_arena_free(MtiaArena* arena, void* device_ptr);
/**
 * Resolves device pointer + [offset, offset+len) to arena memory; NULL (error recorded) when the
 * pointer is not a live allocation or the range does not fit in it.
 */
uint8_t* mtia_arena_resolve(MtiaArena* arena, const void* device_ptr, uint64_t offset, size_t len);

/* ---- the plugin instance (plugin.c) --------------------------------------------------- */

struct NrtPlugin {
  MtiaArena arena;
  MtiaFault fault;
};

/* ---- operators (ops.c) ---------------------------------------------------------------- */

typedef enum MtiaOp {
  MTIA_OP_LINEAR, MTIA_OP_MM, MTIA_OP_MATMUL, MTIA_OP_ADDMM, MTIA_OP_T, MTIA_OP_PERMUTE,
  MTIA_OP_CONV2D, MTIA_OP_ADD, MTIA_OP_SUB, MTIA_OP_MUL, MTIA_OP_DIV,
  MTIA_OP_RELU, MTIA_OP_GELU, MTIA_OP_SOFTMAX,
  MTIA_OP_COUNT
} MtiaOp;

/** Up to this many tensor operands per op (conv2d: input, weight, bias). */
#define MTIA_MAX_OPERANDS 3

/** A node as the executable keeps it: op, operand value ids (-1 absent) and scalar attributes. */
typedef struct MtiaNode {
  MtiaOp op;
  int32_t operands[MTIA_MAX_OPERANDS];
  int32_t output;
  /** alpha (add/sub/addmm), beta (addmm), or the scalar `other` when operands[1] is -1. */
  double alpha, beta, scalar_other;
  /** conv2d: stride, padding, dilation (h, w) and groups; softmax: dim; gelu: tanh flag. */
  int64_t stride[2], padding[2], dilation[2], groups, dim, tanh_approx;
} MtiaNode;

/**
 * Decodes `node` of `graph` into `out`. Returns NULL when the stub can run it, else a static
 * reason string (used as the capability note and the prepare error).
 */
const char* mtia_op_decode(const NrtGraph* graph, const NrtNode* node, MtiaNode* out);

/** A tensor during execution: arena memory, contiguous, float32. */
typedef struct MtiaValue {
  float* data;
  void* device_ptr; /* the allocation when the executable made it, else NULL */
  size_t rank;
  int64_t sizes[MTIA_MAX_RANK];
} MtiaValue;

/** Computes the output shape of `node` from its operands; returns a status (error recorded). */
NrtStatus mtia_op_infer(const MtiaNode* node, const MtiaValue* values, MtiaValue* out);
/** Runs `node` writing into `out` (allocated with the inferred shape). */
void mtia_op_run(const MtiaNode* node, const MtiaValue* values, MtiaValue* out);

/** Elements of a value. */
size_t mtia_numel(const MtiaValue* v);

#endif /* MTIA_STUB_H */
