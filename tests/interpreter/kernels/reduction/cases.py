"""Reduction-family kernel cases for gen-fixtures.py: (group, name, target, kwargs, (rtol, atol))."""
import torch

g = torch.Generator().manual_seed(0)
F = (1e-5, 1e-6)
H = (1e-2, 1e-3)
EXACT = (0, 0)


def r(*shape, dtype=torch.float32):
    return torch.randn(*shape, generator=g).to(dtype)


def ri(*shape, lo=-5, hi=5, dtype=torch.int64):
    return torch.randint(lo, hi, shape, generator=g).to(dtype)


nanx = torch.tensor([[1.0, float('nan'), 3.0, -2.0], [4.0, 0.5, float('inf'), -float('inf')]])
ties = torch.tensor([[3.0, 1, 2, 1, 2, 3], [0, 0, 5, 5, -1, -1]])
x = r(3, 4, 5)

CASES = [
    # reductions
    ('reduce', 'sum_all', 'aten.sum.default', {'self': x}, F),
    ('reduce', 'sum_dims_keep', 'aten.sum.dim_IntList', {'self': x, 'dim': [0, 2], 'keepdim': True}, F),
    ('reduce', 'sum_neg_dim', 'aten.sum.dim_IntList', {'self': x, 'dim': [-1]}, F),
    ('reduce', 'sum_empty_dims', 'aten.sum.dim_IntList', {'self': x, 'dim': []}, F),
    ('reduce', 'sum_int', 'aten.sum.dim_IntList', {'self': ri(4, 3, dtype=torch.int32), 'dim': [1]}, EXACT),
    ('reduce', 'sum_bool', 'aten.sum.default', {'self': ri(7, lo=0, hi=2) > 0}, EXACT),
    ('reduce', 'sum_f16', 'aten.sum.dim_IntList', {'self': r(4, 64, dtype=torch.float16), 'dim': [1]}, H),
    ('reduce', 'sum_dtype', 'aten.sum.dim_IntList', {'self': x, 'dim': [1], 'dtype': torch.float64}, F),
    ('reduce', 'nansum', 'aten.nansum.default', {'self': nanx.nan_to_num(posinf=1.0, neginf=2.0) * torch.tensor([1.0, float('nan'), 1, 1])}, F),
    ('reduce', 'mean_all', 'aten.mean.default', {'self': x}, F),
    ('reduce', 'mean_dim', 'aten.mean.dim', {'self': x, 'dim': [-1, -2], 'keepdim': True}, F),
    ('reduce', 'mean_bf16', 'aten.mean.dim', {'self': r(3, 8, dtype=torch.bfloat16), 'dim': [1]}, (2e-2, 1e-2)),
    ('reduce', 'prod_dim', 'aten.prod.dim_int', {'self': x, 'dim': 1}, F),
    ('reduce', 'prod_int8', 'aten.prod.dim_int', {'self': ri(3, 4, lo=1, hi=4, dtype=torch.int8), 'dim': 0, 'keepdim': True}, EXACT),
    ('reduce', 'prod_all', 'aten.prod.default', {'self': r(2, 3)}, F),
    ('reduce', 'amax', 'aten.amax.default', {'self': x, 'dim': [1]}, EXACT),
    ('reduce', 'amin_all_nan', 'aten.amin.default', {'self': nanx}, EXACT),
    ('reduce', 'amax_rows_nan', 'aten.amax.default', {'self': nanx, 'dim': [1], 'keepdim': True}, EXACT),
    ('reduce', 'max_all', 'aten.max.default', {'self': x}, EXACT),
    ('reduce', 'min_all_int', 'aten.min.default', {'self': ri(5, 2)}, EXACT),
    ('reduce', 'max_dim_ties', 'aten.max.dim', {'self': ties, 'dim': 1}, EXACT),
    ('reduce', 'min_dim_keep', 'aten.min.dim', {'self': ties, 'dim': 0, 'keepdim': True}, EXACT),
    ('reduce', 'max_dim_nan', 'aten.max.dim', {'self': nanx, 'dim': 1}, EXACT),
    ('reduce', 'argmax_flat', 'aten.argmax.default', {'self': ties}, EXACT),
    ('reduce', 'argmin_dim', 'aten.argmin.default', {'self': x, 'dim': 2, 'keepdim': True}, EXACT),
    ('reduce', 'argmax_keep_nodim', 'aten.argmax.default', {'self': x, 'keepdim': True}, EXACT),
    ('reduce', 'aminmax_dim', 'aten.aminmax.default', {'self': x, 'dim': 0}, EXACT),
    ('reduce', 'var_default', 'aten.var.default', {'self': x}, F),
    ('reduce', 'var_dim_biased', 'aten.var.dim', {'self': x, 'dim': [1], 'unbiased': False, 'keepdim': True}, F),
    ('reduce', 'std_correction', 'aten.std.correction', {'self': x, 'dim': [0, 2], 'correction': 2}, F),
    ('reduce', 'std_correction_nodim', 'aten.std.correction', {'self': x}, F),
    ('reduce', 'var_mean_correction', 'aten.var_mean.correction', {'self': x, 'dim': [1], 'correction': 0}, F),
    ('reduce', 'std_mean_dim', 'aten.std_mean.dim', {'self': x, 'dim': [2]}, F),
    ('reduce', 'any_dim', 'aten.any.dim', {'self': ri(3, 4, lo=0, hi=2), 'dim': 1}, EXACT),
    ('reduce', 'all_default', 'aten.all.default', {'self': x}, EXACT),
    ('reduce', 'any_dims_keep', 'aten.any.dims', {'self': ri(2, 3, 4, lo=0, hi=2) > 0, 'dim': [0, 2], 'keepdim': True}, EXACT),
    ('reduce', 'any_uint8', 'aten.any.default', {'self': ri(4, lo=0, hi=2, dtype=torch.uint8)}, EXACT),
    ('reduce', 'count_nonzero', 'aten.count_nonzero.default', {'self': ri(4, 5, lo=-1, hi=2)}, EXACT),
    ('reduce', 'count_nonzero_dims', 'aten.count_nonzero.dim_IntList', {'self': ri(4, 5, lo=-1, hi=2), 'dim': [1]}, EXACT),
    ('reduce', 'logsumexp', 'aten.logsumexp.default', {'self': x * 30, 'dim': [1]}, F),
    ('reduce', 'logsumexp_inf', 'aten.logsumexp.default', {'self': torch.tensor([[-float('inf'), -float('inf')], [float('inf'), 1.0]]), 'dim': [1]}, F),
    ('reduce', 'logsumexp_int', 'aten.logsumexp.default', {'self': ri(3, 4), 'dim': [0], 'keepdim': True}, F),
    ('reduce', 'vector_norm', 'aten.linalg_vector_norm.default', {'self': x, 'dim': [-1]}, F),
    ('reduce', 'vector_norm_inf', 'aten.linalg_vector_norm.default', {'self': x, 'ord': float('inf'), 'dim': [0, 1]}, F),
    ('reduce', 'vector_norm_p3', 'aten.linalg_vector_norm.default', {'self': x, 'ord': 3.0, 'keepdim': True}, F),
    ('reduce', 'vector_norm_0', 'aten.linalg_vector_norm.default', {'self': torch.tensor([0.0, 1.0, -2.0, 0.0]), 'ord': 0}, F),
    ('reduce', 'norm_scalaropt_dim', 'aten.norm.ScalarOpt_dim', {'self': x, 'p': 1, 'dim': [1]}, F),
    ('reduce', 'norm_scalar', 'aten.norm.Scalar', {'self': x}, F),
    ('reduce', 'frobenius', 'aten.frobenius_norm.dim', {'self': x, 'dim': [1, 2]}, F),
    # scans and orderings
    ('scan', 'cumsum', 'aten.cumsum.default', {'self': x, 'dim': 1}, F),
    ('scan', 'cumsum_int', 'aten.cumsum.default', {'self': ri(3, 4, dtype=torch.int32), 'dim': -1}, EXACT),
    ('scan', 'cumsum_bool', 'aten.cumsum.default', {'self': ri(6, lo=0, hi=2) > 0, 'dim': 0}, EXACT),
    ('scan', 'cumsum_dtype', 'aten.cumsum.default', {'self': x, 'dim': 0, 'dtype': torch.float64}, F),
    ('scan', 'cumprod', 'aten.cumprod.default', {'self': x, 'dim': 2}, F),
    ('scan', 'cummax', 'aten.cummax.default', {'self': torch.tensor([1.0, 3, 3, 2, float('nan'), 5, float('nan')]), 'dim': 0}, EXACT),
    ('scan', 'cummin', 'aten.cummin.default', {'self': ties, 'dim': 1}, EXACT),
    ('scan', 'logcumsumexp', 'aten.logcumsumexp.default', {'self': x * 10, 'dim': 1}, F),
    ('scan', 'sort', 'aten.sort.default', {'self': x, 'dim': 1}, EXACT),
    ('scan', 'sort_desc_nan', 'aten.sort.default', {'self': nanx, 'descending': True}, EXACT),
    ('scan', 'sort_nan', 'aten.sort.default', {'self': nanx, 'dim': -1}, EXACT),
    ('scan', 'sort_stable_ties', 'aten.sort.stable', {'self': ties, 'stable': True, 'dim': 1}, EXACT),
    ('scan', 'sort_stable_desc_ties', 'aten.sort.stable', {'self': ties, 'stable': True, 'descending': True}, EXACT),
    ('scan', 'argsort', 'aten.argsort.default', {'self': x, 'dim': 0, 'descending': True}, EXACT),
    ('scan', 'argsort_stable', 'aten.argsort.stable', {'self': ties, 'stable': True}, EXACT),
    ('scan', 'topk', 'aten.topk.default', {'self': x, 'k': 3}, EXACT),
    ('scan', 'topk_smallest_dim0', 'aten.topk.default', {'self': x, 'k': 2, 'dim': 0, 'largest': False}, EXACT),
    ('scan', 'kthvalue', 'aten.kthvalue.default', {'self': x, 'k': 2, 'dim': 1}, EXACT),
    ('scan', 'kthvalue_ties', 'aten.kthvalue.default', {'self': ties, 'k': 2, 'keepdim': True}, EXACT),
    ('scan', 'median_all', 'aten.median.default', {'self': x}, EXACT),
    ('scan', 'median_dim', 'aten.median.dim', {'self': x, 'dim': 1}, EXACT),
    ('scan', 'median_dim_nan', 'aten.median.dim', {'self': nanx, 'dim': 1}, EXACT),
    ('scan', 'nanmedian_dim', 'aten.nanmedian.dim', {'self': nanx, 'dim': 1}, EXACT),
    ('scan', 'mode', 'aten.mode.default', {'self': torch.tensor([[1, 2, 2, 1, 3], [4, 4, 0, 0, 0]])}, EXACT),
    # softmax and normalization
    ('norm', 'softmax', 'aten.softmax.int', {'self': x, 'dim': 1}, F),
    ('norm', 'softmax_last', 'aten._softmax.default', {'self': x * 20, 'dim': -1, 'half_to_float': False}, F),
    ('norm', 'softmax_dtype', 'aten.softmax.int', {'self': x, 'dim': 0, 'dtype': torch.float64}, F),
    ('norm', 'softmax_neg_inf_row', 'aten._softmax.default', {'self': torch.tensor([[-float('inf'), -float('inf')], [0.0, -float('inf')]]), 'dim': 1, 'half_to_float': False}, F),
    ('norm', 'log_softmax', 'aten.log_softmax.int', {'self': x, 'dim': 2}, F),
    ('norm', '_log_softmax', 'aten._log_softmax.default', {'self': x, 'dim': 0, 'half_to_float': False}, F),
    ('norm', 'layer_norm', 'aten.layer_norm.default', {'input': x, 'normalized_shape': [5], 'weight': r(5), 'bias': r(5)}, F),
    ('norm', 'layer_norm_2d_noaffine', 'aten.layer_norm.default', {'input': x, 'normalized_shape': [4, 5], 'eps': 1e-3}, F),
    ('norm', 'native_layer_norm', 'aten.native_layer_norm.default', {'input': x, 'normalized_shape': [5], 'weight': r(5), 'bias': None, 'eps': 1e-5}, F),
    ('norm', 'layer_norm_f16', 'aten.native_layer_norm.default', {'input': r(2, 8, dtype=torch.float16), 'normalized_shape': [8], 'weight': None, 'bias': None, 'eps': 1e-5}, H),
    ('norm', 'rms_norm', 'aten.rms_norm.default', {'input': x, 'normalized_shape': [5], 'weight': r(5), 'eps': 1e-6}, F),
    ('norm', 'rms_norm_default_eps', 'aten.rms_norm.default', {'input': x * 1e-3, 'normalized_shape': [4, 5]}, F),
    ('norm', 'fused_rms_norm', 'aten._fused_rms_norm.default', {'input': x, 'normalized_shape': [5], 'weight': None, 'eps': None}, F),
    ('norm', 'batch_norm_eval', 'aten.batch_norm.default', {'input': r(2, 3, 4, 4), 'weight': r(3), 'bias': r(3), 'running_mean': r(3), 'running_var': r(3).abs() + 0.5, 'training': False, 'momentum': 0.1, 'eps': 1e-5, 'cudnn_enabled': False}, F),
    ('norm', 'native_bn_no_training', 'aten._native_batch_norm_legit_no_training.default', {'input': r(2, 3, 5), 'weight': r(3), 'bias': r(3), 'running_mean': r(3), 'running_var': r(3).abs() + 0.5, 'momentum': 0.1, 'eps': 1e-5}, F),
    ('norm', 'native_bn_training', 'aten.native_batch_norm.default', {'input': r(4, 3, 5), 'weight': None, 'bias': r(3), 'running_mean': None, 'running_var': None, 'training': True, 'momentum': 0.1, 'eps': 1e-5}, F),
    ('norm', 'bn_legit_no_stats', 'aten._native_batch_norm_legit.no_stats', {'input': r(4, 3), 'weight': r(3), 'bias': None, 'training': True, 'momentum': 0.1, 'eps': 1e-5}, F),
    ('norm', 'instance_norm', 'aten.instance_norm.default', {'input': r(2, 3, 6), 'weight': r(3), 'bias': r(3), 'running_mean': None, 'running_var': None, 'use_input_stats': True, 'momentum': 0.1, 'eps': 1e-5, 'cudnn_enabled': False}, F),
    ('norm', 'group_norm', 'aten.group_norm.default', {'input': r(2, 6, 3, 3), 'num_groups': 3, 'weight': r(6), 'bias': r(6)}, F),
    ('norm', 'native_group_norm', 'aten.native_group_norm.default', {'input': r(2, 4, 5), 'weight': None, 'bias': None, 'N': 2, 'C': 4, 'HxW': 5, 'group': 2, 'eps': 1e-5}, F),
    # pooling
    ('pool', 'max_pool2d', 'aten.max_pool2d.default', {'self': r(2, 3, 7, 6), 'kernel_size': [3, 2], 'stride': [2, 2], 'padding': [1, 0]}, EXACT),
    ('pool', 'max_pool2d_ceil_dil', 'aten.max_pool2d.default', {'self': r(1, 2, 9, 9), 'kernel_size': [3, 3], 'stride': [2, 2], 'padding': [1, 1], 'dilation': [2, 1], 'ceil_mode': True}, EXACT),
    ('pool', 'max_pool2d_idx', 'aten.max_pool2d_with_indices.default', {'self': r(2, 2, 6, 6), 'kernel_size': [2, 2], 'stride': [2, 2]}, EXACT),
    ('pool', 'max_pool2d_idx_unbatched', 'aten.max_pool2d_with_indices.default', {'self': r(3, 5, 5), 'kernel_size': [3], 'stride': [2], 'padding': [1], 'ceil_mode': True}, EXACT),
    ('pool', 'max_pool1d', 'aten.max_pool1d.default', {'self': r(2, 3, 10), 'kernel_size': [3], 'stride': [2]}, EXACT),
    ('pool', 'max_pool3d_idx', 'aten.max_pool3d_with_indices.default', {'self': r(1, 2, 4, 5, 5), 'kernel_size': [2, 3, 3], 'stride': [2, 2, 2], 'padding': [0, 1, 1]}, EXACT),
    ('pool', 'avg_pool2d', 'aten.avg_pool2d.default', {'self': r(2, 3, 7, 7), 'kernel_size': [3, 3], 'stride': [2, 2], 'padding': [1, 1]}, F),
    ('pool', 'avg_pool2d_nopad_ceil', 'aten.avg_pool2d.default', {'self': r(1, 2, 7, 6), 'kernel_size': [3, 2], 'stride': [2, 2], 'padding': [1, 1], 'ceil_mode': True, 'count_include_pad': False}, F),
    ('pool', 'avg_pool2d_ceil_pad', 'aten.avg_pool2d.default', {'self': r(1, 2, 6, 6), 'kernel_size': [3, 3], 'stride': [2, 2], 'padding': [1, 1], 'ceil_mode': True}, F),
    ('pool', 'avg_pool2d_divisor', 'aten.avg_pool2d.default', {'self': r(1, 2, 6, 6), 'kernel_size': [2, 2], 'divisor_override': 3}, F),
    ('pool', 'avg_pool1d', 'aten.avg_pool1d.default', {'self': r(2, 3, 9), 'kernel_size': [4], 'stride': [3], 'padding': [2], 'count_include_pad': False}, F),
    ('pool', 'avg_pool3d', 'aten.avg_pool3d.default', {'self': r(1, 2, 5, 4, 4), 'kernel_size': [2, 2, 2], 'stride': [1, 2, 2]}, F),
    ('pool', 'adaptive_avg_pool2d', 'aten.adaptive_avg_pool2d.default', {'self': r(2, 3, 7, 5), 'output_size': [3, 2]}, F),
    ('pool', '_adaptive_avg_pool2d_1x1', 'aten._adaptive_avg_pool2d.default', {'self': r(2, 3, 4, 4), 'output_size': [1, 1]}, F),
    ('pool', 'adaptive_avg_pool1d', 'aten.adaptive_avg_pool1d.default', {'self': r(2, 3, 10), 'output_size': [4]}, F),
    ('pool', 'adaptive_avg_pool3d', 'aten.adaptive_avg_pool3d.default', {'self': r(1, 2, 5, 4, 3), 'output_size': [2, 3, 2]}, F),
    ('pool', 'adaptive_max_pool2d', 'aten.adaptive_max_pool2d.default', {'self': r(2, 2, 7, 5), 'output_size': [3, 3]}, EXACT),
    ('pool', 'adaptive_max_pool1d', 'aten.adaptive_max_pool1d.default', {'self': r(2, 9), 'output_size': [4]}, EXACT),
]

# resampling
img = r(2, 3, 5, 4)
CASES += [
    ('resample', 'nearest2d_vec_scale', 'aten.upsample_nearest2d.vec', {'input': img, 'output_size': None, 'scale_factors': [2.0, 1.5]}, EXACT),
    ('resample', 'nearest2d_vec_size', 'aten.upsample_nearest2d.vec', {'input': img, 'output_size': [7, 3], 'scale_factors': None}, EXACT),
    ('resample', 'nearest2d_default', 'aten.upsample_nearest2d.default', {'self': img, 'output_size': [10, 12]}, EXACT),
    ('resample', 'nearest1d', 'aten.upsample_nearest1d.default', {'self': r(2, 3, 5), 'output_size': [11]}, EXACT),
    ('resample', 'nearest3d_vec', 'aten.upsample_nearest3d.vec', {'input': r(1, 2, 2, 3, 3), 'output_size': None, 'scale_factors': [2.0, 2.0, 3.0]}, EXACT),
    ('resample', 'nearest_exact2d', 'aten._upsample_nearest_exact2d.vec', {'input': img, 'output_size': [7, 9], 'scale_factors': None}, EXACT),
    ('resample', 'nearest_exact1d', 'aten._upsample_nearest_exact1d.default', {'self': r(1, 2, 6), 'output_size': [4]}, EXACT),
    ('resample', 'bilinear_vec', 'aten.upsample_bilinear2d.vec', {'input': img, 'output_size': None, 'align_corners': False, 'scale_factors': [2.0, 2.0]}, F),
    ('resample', 'bilinear_align', 'aten.upsample_bilinear2d.vec', {'input': img, 'output_size': [9, 7], 'align_corners': True, 'scale_factors': None}, F),
    ('resample', 'bilinear_down', 'aten.upsample_bilinear2d.default', {'self': img, 'output_size': [3, 3], 'align_corners': False}, F),
    ('resample', 'bilinear_scales', 'aten.upsample_bilinear2d.default', {'self': img, 'output_size': [7, 6], 'align_corners': False, 'scales_h': 1.5, 'scales_w': 1.5}, F),
    ('resample', 'linear1d', 'aten.upsample_linear1d.vec', {'input': r(2, 3, 5), 'output_size': [8], 'align_corners': False, 'scale_factors': None}, F),
    ('resample', 'trilinear', 'aten.upsample_trilinear3d.vec', {'input': r(1, 2, 3, 4, 3), 'output_size': [5, 6, 4], 'align_corners': True, 'scale_factors': None}, F),
    ('resample', 'bicubic', 'aten.upsample_bicubic2d.vec', {'input': img, 'output_size': [8, 9], 'align_corners': False, 'scale_factors': None}, (1e-5, 1e-5)),
    ('resample', 'bicubic_align', 'aten.upsample_bicubic2d.default', {'self': img, 'output_size': [3, 7], 'align_corners': True}, (1e-5, 1e-5)),
]

# attention
q, k, v = r(2, 3, 4, 8), r(2, 3, 6, 8), r(2, 3, 6, 5)
CASES += [
    ('attention', 'sdpa', 'aten.scaled_dot_product_attention.default', {'query': q, 'key': k, 'value': v}, F),
    ('attention', 'sdpa_causal_scale', 'aten.scaled_dot_product_attention.default', {'query': q, 'key': k, 'value': v, 'is_causal': True, 'scale': 0.3}, F),
    ('attention', 'sdpa_bool_mask', 'aten.scaled_dot_product_attention.default', {'query': q, 'key': k, 'value': v, 'attn_mask': torch.tensor([[True, False, True, True, False, True]] * 4)}, F),
    ('attention', 'sdpa_float_mask', 'aten.scaled_dot_product_attention.default', {'query': q, 'key': k, 'value': v, 'attn_mask': r(2, 1, 4, 6)}, F),
    ('attention', 'sdpa_gqa', 'aten.scaled_dot_product_attention.default', {'query': r(1, 4, 3, 8), 'key': r(1, 2, 5, 8), 'value': r(1, 2, 5, 8), 'enable_gqa': True}, F),
    ('attention', 'sdpa_3d', 'aten.scaled_dot_product_attention.default', {'query': r(3, 4, 8), 'key': r(3, 6, 8), 'value': r(3, 6, 8)}, F),
    ('attention', 'sdpa_f64', 'aten.scaled_dot_product_attention.default', {'query': q.double(), 'key': k.double(), 'value': v.double()}, (1e-10, 1e-12)),
    ('attention', 'flash_cpu', 'aten._scaled_dot_product_flash_attention_for_cpu.default', {'query': q, 'key': k, 'value': r(2, 3, 6, 8), 'is_causal': True}, F),
]

grid = torch.rand(2, 4, 5, 2, generator=g) * 2.4 - 1.2
grid[0, 0, 0] = torch.tensor([0.25, -0.5])  # exact half-pixel positions for nearest rounding
CASES += [
    ('resample', f'grid_sampler_i{i}_p{p}_a{int(a)}', 'aten.grid_sampler_2d.default',
     {'input': img, 'grid': grid, 'interpolation_mode': i, 'padding_mode': p, 'align_corners': a}, (1e-5, 1e-5))
    for i in (0, 1, 2) for p in (0, 1, 2) for a in (False, True)
]

# Rows long enough for the vectorized layer norm: 16-wide and 8-wide steps and a scalar tail.
CASES += [
    ('norm', 'layer_norm_wide_rows', 'aten.layer_norm.default', {'input': r(3, 45) * 3 + 1, 'normalized_shape': [45], 'weight': r(45), 'bias': r(45)}, F),
]
