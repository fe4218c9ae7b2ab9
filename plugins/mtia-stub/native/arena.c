/*
 * The simulated accelerator memory: one host block carved first-fit. Device pointers handed to
 * the host are tagged arena offsets, not host addresses, so host code that dereferences one
 * faults at once instead of silently reading "device" memory.
 */
#include <stdlib.h>

#include "mtia_stub.h"

/* Non-canonical on x86-64 and AArch64: dereferencing a tagged pointer traps. */
#define MTIA_PTR_TAG ((uintptr_t)0x4D54000000000000ull)
#define MTIA_PTR_MASK ((uintptr_t)0x0000FFFFFFFFFFFFull)
#define MTIA_ALIGN 64

int mtia_arena_init(MtiaArena* arena, size_t capacity) {
  arena->base = malloc(capacity);
  if (!arena->base) return 0;
  arena->capacity = capacity;
  arena->blocks = malloc(sizeof(MtiaBlock));
  if (!arena->blocks) {
    free(arena->base);
    return 0;
  }
  *arena->blocks = (MtiaBlock){ .offset = 0, .size = capacity, .free = 1, .next = NULL };
  pthread_mutex_init(&arena->lock, NULL);
  return 1;
}

void mtia_arena_destroy(MtiaArena* arena) {
  for (MtiaBlock* b = arena->blocks; b;) {
    MtiaBlock* next = b->next;
    free(b);
    b = next;
  }
  free(arena->base);
  pthread_mutex_destroy(&arena->lock);
}

void* mtia_arena_alloc(MtiaArena* arena, size_t size) {
  /* Zero-byte requests still get a distinct allocation, as the ABI promises a valid pointer. */
  size_t want = (size + MTIA_ALIGN - 1) / MTIA_ALIGN * MTIA_ALIGN;
  if (want == 0) want = MTIA_ALIGN;
  pthread_mutex_lock(&arena->lock);
  for (MtiaBlock* b = arena->blocks; b; b = b->next) {
    if (!b->free || b->size < want) continue;
    if (b->size > want) {
      MtiaBlock* rest = malloc(sizeof(MtiaBlock));
      if (!rest) break;
      *rest = (MtiaBlock){ .offset = b->offset + want, .size = b->size - want, .free = 1, .next = b->next };
      b->next = rest;
      b->size = want;
    }
    b->free = 0;
    pthread_mutex_unlock(&arena->lock);
    return (void*)(MTIA_PTR_TAG | (uintptr_t)b->offset);
  }
  pthread_mutex_unlock(&arena->lock);
  mtia_fail(NATIVERT_STATUS_PLUGIN_FAILURE, "mtia-stub: out of device memory allocating %zu bytes (arena of %zu bytes)", size,
            arena->capacity);
  return NULL;
}

/* Caller holds the lock. */
static MtiaBlock* find_block(MtiaArena* arena, const void* device_ptr, MtiaBlock** prev_out) {
  uintptr_t p = (uintptr_t)device_ptr;
  if ((p & ~MTIA_PTR_MASK) != MTIA_PTR_TAG) return NULL;
  size_t offset = (size_t)(p & MTIA_PTR_MASK);
  MtiaBlock* prev = NULL;
  for (MtiaBlock* b = arena->blocks; b; prev = b, b = b->next) {
    if (b->offset == offset && !b->free) {
      if (prev_out) *prev_out = prev;
      return b;
    }
    if (b->offset > offset) break;
  }
  return NULL;
}

NrtStatus mtia_arena_free(MtiaArena* arena, void* device_ptr) {
  pthread_mutex_lock(&arena->lock);
  MtiaBlock* prev = NULL;
  MtiaBlock* b = find_block(arena, device_ptr, &prev);
  if (!b) {
    pthread_mutex_unlock(&arena->lock);
    return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: DeviceMemory_Free: %p is not a live mtia allocation", device_ptr);
  }
  b->free = 1;
  /* Coalesce with the following and the preceding free blocks. */
  if (b->next && b->next->free) {
    MtiaBlock* n = b->next;
    b->size += n->size;
    b->next = n->next;
    free(n);
  }
  if (prev && prev->free) {
    prev->size += b->size;
    prev->next = b->next;
    free(b);
  }
  pthread_mutex_unlock(&arena->lock);
  return NATIVERT_STATUS_OK;
}

uint8_t* mtia_arena_resolve(MtiaArena* arena, const void* device_ptr, uint64_t offset, size_t len) {
  pthread_mutex_lock(&arena->lock);
  MtiaBlock* b = find_block(arena, device_ptr, NULL);
  size_t block_offset = b ? b->offset : 0, block_size = b ? b->size : 0;
  pthread_mutex_unlock(&arena->lock);
  if (!b) {
    mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: %p is not a live mtia allocation", device_ptr);
    return NULL;
  }
  if (offset > block_size || len > block_size - offset) {
    mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT,
              "mtia-stub: range [%llu, %llu) is outside allocation %p of %zu bytes", (unsigned long long)offset,
              (unsigned long long)(offset + len), device_ptr, block_size);
    return NULL;
  }
  return arena->base + block_offset + offset;
}
