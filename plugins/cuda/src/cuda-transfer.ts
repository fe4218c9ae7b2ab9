import type { DataTransfer, Device, DeviceStorage, Tensor } from '@nativert/core';
import { deviceToString, ErrorCode, itemSize, NativertError, Tensor as TensorClass } from '@nativert/core';
import type { CudaContext } from './device/cuda-context.js';
import { deferUpload, emptyDevice, isCudaTensor, ptrOf } from './device/device-tensor.js';
import { copyOf } from './ops/launch-helpers.js';

/**
 * Host <-> GPU copies. Uploads are deferred until a kernel reads the tensor (a graph replay stages
 * them through pinned memory instead), then queued straight from the host bytes (the driver stages
 * pageable memory before returning); downloads wait for the stream first.
 */
export class CudaTransfer implements DataTransfer {
  constructor(private readonly cuda: CudaContext, private readonly device: Device) {}

  async toDevice(t: Tensor, device: Device): Promise<Tensor> {
    if (device.type !== 'cuda' || device.index !== this.device.index) {
      throw new NativertError(ErrorCode.InvalidArgument, `cuda transfer for ${deviceToString(this.device)} asked to copy to ${deviceToString(device)}`);
    }
    const host = t.contiguous();
    const bytes = host.hostStorage().bytes;
    const size = itemSize(host.dtype);
    const out = emptyDevice(this.cuda.pool, this.device, host.dtype, host.shape);
    deferUpload(out.storage as DeviceStorage, bytes.subarray(host.offset * size, (host.offset + host.numel) * size), (dst, b) => this.cuda.upload(dst, b));
    return out;
  }

  async toHost(t: Tensor): Promise<Tensor> {
    if (!isCudaTensor(t)) throw new NativertError(ErrorCode.InvalidArgument, `cuda transfer asked to download a tensor on ${deviceToString(t.device)}`);
    const src = t.isContiguous() ? t : copyOf({ cuda: this.cuda, device: this.device }, t);
    const out = TensorClass.zeros(t.dtype, t.shape);
    this.cuda.download(out.hostStorage().bytes, ptrOf(src));
    return out;
  }
}
