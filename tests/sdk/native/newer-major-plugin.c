/*
 * Test plugin: reports ABI major NRT_API_VERSION_MAJOR + 1, so a host of this header's major
 * must refuse it before calling anything else. Every other member is NULL on purpose.
 */
#include "nativert_plugin.h"

static const NrtPluginApi API = {
  .struct_size = sizeof(NrtPluginApi),
  .api_major = NRT_API_VERSION_MAJOR + 1,
  .api_minor = 0,
};

NRT_EXPORT const NrtPluginApi* NrtGetPluginApi(uint32_t host_major, uint32_t host_minor) {
  (void)host_major;
  (void)host_minor;
  return &API;
}
