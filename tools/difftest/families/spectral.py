"""FFTs: the core _fft_c2c/_fft_r2c/_fft_c2r called directly (every normalization, onesided or not, odd
lengths that need Bluestein) and the torch.fft ops export IR keeps (fft_fft, fft_rfftn, ...; n/s padding
and truncation, norm modes). Complex inputs and outputs travel through view_as_complex/view_as_real."""
import torch

from difftest_lib import F64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}
R = torch.view_as_real
C = torch.view_as_complex


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    add("_fft_r2c.default", "onesided_pow2", lambda x: R(A._fft_r2c.default(x, [1], 0, True)), (rnd([3, 8]),))
    add("_fft_r2c.default", "twosided_odd_by_n", lambda x: R(A._fft_r2c.default(x, [0], 2, False)), (rnd([7, 2]),))
    add("_fft_r2c.default", "2d_ortho_f64", lambda x: R(A._fft_r2c.default(x, [0, 2], 1, True)), (rnd([5, 2, 6], F64),))
    add("_fft_r2c.default", "transposed", lambda x: R(A._fft_r2c.default(x.t(), [1], 0, True)), (rnd([9, 4]),))
    add("_fft_c2c.default", "forward_odd", lambda x: R(A._fft_c2c.default(C(x), [1], 0, True)), (rnd([2, 15, 2]),))
    add("_fft_c2c.default", "inverse_by_n_2d", lambda x: R(A._fft_c2c.default(C(x), [0, 1], 2, False)), (rnd([4, 6, 2]),))
    add("_fft_c2c.default", "ortho_prime_f64", lambda x: R(A._fft_c2c.default(C(x), [0], 1, True)), (rnd([13, 2], F64),))
    add("_fft_c2r.default", "even", lambda x: A._fft_c2r.default(C(x), [1], 2, 8), (rnd([2, 5, 2]),))
    add("_fft_c2r.default", "odd_none", lambda x: A._fft_c2r.default(C(x), [1], 0, 9), (rnd([3, 5, 2]),))
    add("_fft_c2r.default", "2d_ortho", lambda x: A._fft_c2r.default(C(x), [0, 1], 1, 6), (rnd([3, 4, 2]),))
    add("fft_fft.default", "real_in", lambda x: R(torch.fft.fft(x)), (rnd([2, 6]),), core=True)
    add("fft_fft.default", "complex_n_pad_ortho", lambda x: R(torch.fft.fft(C(x), n=7, dim=0, norm="ortho")), (rnd([5, 3, 2]),), core=True)
    add("fft_fft.default", "truncate_forward", lambda x: R(torch.fft.fft(x, n=4, norm="forward")), (rnd([3, 6]),))
    add("fft_ifft.default", "complex", lambda x: R(torch.fft.ifft(C(x))), (rnd([2, 10, 2]),), core=True)
    add("fft_rfft.default", "odd_n", lambda x: R(torch.fft.rfft(x, n=11)), (rnd([2, 9]),), core=True)
    add("fft_irfft.default", "default_n", lambda x: torch.fft.irfft(C(x), dim=0), (rnd([5, 3, 2]),), core=True)
    add("fft_irfft.default", "odd_n_ortho", lambda x: torch.fft.irfft(C(x), n=7, norm="ortho"), (rnd([2, 6, 2]),))
    add("fft_fft2.default", "real", lambda x: R(torch.fft.fft2(x)), (rnd([2, 3, 5]),), core=True)
    add("fft_ifft2.default", "s", lambda x: R(torch.fft.ifft2(C(x), s=(4, 4))), (rnd([3, 5, 2]),))
    add("fft_fftn.default", "all_dims", lambda x: R(torch.fft.fftn(x)), (rnd([3, 4, 2]),), core=True)
    add("fft_fftn.default", "s_only", lambda x: R(torch.fft.fftn(x, s=(3, 5))), (rnd([2, 4, 4]),))
    add("fft_ifftn.default", "dims", lambda x: R(torch.fft.ifftn(C(x), dim=(0, 2))), (rnd([3, 2, 5, 2]),))
    add("fft_rfft2.default", "basic", lambda x: R(torch.fft.rfft2(x)), (rnd([2, 4, 6]),), core=True)
    add("fft_irfft2.default", "s", lambda x: torch.fft.irfft2(C(x), s=(4, 5)), (rnd([4, 3, 2]),), core=True)
    add("fft_rfftn.default", "dims_forward", lambda x: R(torch.fft.rfftn(x, dim=(0, 1), norm="forward")), (rnd([5, 6, 2]),))
    add("fft_irfftn.default", "default", lambda x: torch.fft.irfftn(C(x)), (rnd([3, 4, 2]),), core=True)
    add("fft_hfft.default", "default", lambda x: torch.fft.hfft(C(x)), (rnd([2, 5, 2]),), core=True)
    add("fft_hfft.default", "odd_n_ortho", lambda x: torch.fft.hfft(C(x), n=9, norm="ortho"), (rnd([6, 2]),))
    add("fft_ihfft.default", "default", lambda x: R(torch.fft.ihfft(x).resolve_conj()), (rnd([2, 7]),), core=True)
    add("view_as_real.default", "strided", lambda x: R(C(x)[:, ::2]) * 1, (rnd([2, 6, 2]),))
    add("view_as_complex.default", "roundtrip", lambda x: R(C(x)) * 2, (rnd([3, 2]),))
    add("conj_physical.default", "complex", lambda x: R(torch.conj_physical(C(x))), (rnd([4, 2]),))
    add("conj_physical.default", "real", lambda x: torch.conj_physical(x), (rnd([3]),))
    return out
