using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace ConvGen.Benchmarks;

/// <summary>The peers in the same process: the plain 6-nested-loop convolution and im2col + TensorPrimitives.</summary>
public static class Baselines
{
    /// <summary>The plain loop, shape at run time (up to three spatial axes):
    /// y[u,z,v,w] = Σ_{c,r,p,q} x[c, z·s−pad+r, v·s−pad+p, w·s−pad+q] · K[u,c,r,p,q].</summary>
    public static void NaiveForward(Shape s, ReadOnlySpan<float> x, ReadOnlySpan<float> k, Span<float> y)
    {
        int cg = s.C / s.Groups, dg = s.D / s.Groups, ot = s.OutT, oh = s.OutH, ow = s.OutW;
        for (var u = 0; u < s.D; u++)
            for (var z = 0; z < ot; z++)
                for (var v = 0; v < oh; v++)
                    for (var w = 0; w < ow; w++)
                    {
                        var acc = 0f;
                        for (var ci = 0; ci < cg; ci++)
                        {
                            var c = u / dg * cg + ci;
                            for (var r = 0; r < s.R; r++)
                            {
                                var t = z * s.StrideT - s.PaddingT + r;
                                if ((uint)t >= (uint)s.T) continue;
                                for (var p = 0; p < s.P; p++)
                                {
                                    var j = v * s.StrideH - s.PaddingH + p;
                                    if ((uint)j >= (uint)s.H) continue;
                                    for (var q = 0; q < s.Q; q++)
                                    {
                                        var i = w * s.Stride - s.Padding + q;
                                        if ((uint)i >= (uint)s.W) continue;
                                        acc += x[((c * s.T + t) * s.H + j) * s.W + i] * k[(((u * cg + ci) * s.R + r) * s.P + p) * s.Q + q];
                                    }
                                }
                            }
                        }

                        y[((u * ot + z) * oh + v) * ow + w] = acc;
                    }
    }

    /// <summary>The plain loop of the adjoint (scatter form): x[c, v·s−pad+p, …] += y[u,v,w] · K[u,c,p,q].</summary>
    public static void NaiveTranspose(Shape s, ReadOnlySpan<float> y, ReadOnlySpan<float> k, Span<float> x)
    {
        x.Clear();
        int cg = s.C / s.Groups, dg = s.D / s.Groups, oh = s.OutH, ow = s.OutW;
        for (var u = 0; u < s.D; u++)
            for (var v = 0; v < oh; v++)
                for (var w = 0; w < ow; w++)
                {
                    var g = y[(u * oh + v) * ow + w];
                    for (var ci = 0; ci < cg; ci++)
                    {
                        var c = u / dg * cg + ci;
                        for (var p = 0; p < s.P; p++)
                        {
                            var j = v * s.Stride - s.Padding + p;
                            if ((uint)j >= (uint)s.H) continue;
                            for (var q = 0; q < s.Q; q++)
                            {
                                var i = w * s.Stride - s.Padding + q;
                                if ((uint)i >= (uint)s.W) continue;
                                x[(c * s.H + j) * s.W + i] += g * k[((u * cg + ci) * s.P + p) * s.Q + q];
                            }
                        }
                    }
                }
    }

    /// <summary>The plain loop of the weights' gradient.</summary>
    public static void NaiveWeightsGradient(Shape s, ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gk)
    {
        gk.Clear();
        int cg = s.C / s.Groups, dg = s.D / s.Groups, oh = s.OutH, ow = s.OutW;
        for (var u = 0; u < s.D; u++)
            for (var v = 0; v < oh; v++)
                for (var w = 0; w < ow; w++)
                {
                    var g = gy[(u * oh + v) * ow + w];
                    for (var ci = 0; ci < cg; ci++)
                    {
                        var c = u / dg * cg + ci;
                        for (var p = 0; p < s.P; p++)
                        {
                            var j = v * s.Stride - s.Padding + p;
                            if ((uint)j >= (uint)s.H) continue;
                            for (var q = 0; q < s.Q; q++)
                            {
                                var i = w * s.Stride - s.Padding + q;
                                if ((uint)i >= (uint)s.W) continue;
                                gk[((u * cg + ci) * s.P + p) * s.Q + q] += g * x[(c * s.H + j) * s.W + i];
                            }
                        }
                    }
                }
    }

    /// <summary>The plain loop of conv_transpose2d (scatter form).</summary>
    public static void NaiveConvTranspose(Shape s, ReadOnlySpan<float> x, ReadOnlySpan<float> k, Span<float> y)
    {
        y.Clear();
        int cg = s.C / s.Groups, dg = s.D / s.Groups, oh = s.OutH, ow = s.OutW;
        for (var c = 0; c < s.C; c++)
            for (var j = 0; j < s.H; j++)
                for (var i = 0; i < s.W; i++)
                {
                    var xv = x[(c * s.H + j) * s.W + i];
                    for (var ol = 0; ol < dg; ol++)
                    {
                        var o = c / cg * dg + ol;
                        for (var p = 0; p < s.P; p++)
                        {
                            var v = j * s.Stride - s.Padding + p;
                            if ((uint)v >= (uint)oh) continue;
                            for (var q = 0; q < s.Q; q++)
                            {
                                var w = i * s.Stride - s.Padding + q;
                                if ((uint)w >= (uint)ow) continue;
                                y[(o * oh + v) * ow + w] += xv * k[((c * dg + ol) * s.P + p) * s.Q + q];
                            }
                        }
                    }
                }
    }

    /// <summary>im2col into <paramref name="col"/> ((C/G)·P·Q rows × H'·W' columns, per group), then
    /// y[u, :] = Σ_k K[u, k] · col[k, :] with TensorPrimitives.MultiplyAdd (vectorized axpy).</summary>
    public static void Im2ColForward(Shape s, ReadOnlySpan<float> x, ReadOnlySpan<float> k, Span<float> y, Span<float> col)
    {
        int cg = s.C / s.Groups, dg = s.D / s.Groups, oh = s.OutH, ow = s.OutW, n = oh * ow, rows = cg * s.P * s.Q;
        for (var g = 0; g < s.Groups; g++)
        {
            for (var ci = 0; ci < cg; ci++)
                for (var p = 0; p < s.P; p++)
                    for (var q = 0; q < s.Q; q++)
                    {
                        var row = col.Slice(((ci * s.P + p) * s.Q + q) * n, n);
                        var c = g * cg + ci;
                        for (var v = 0; v < oh; v++)
                        {
                            var j = v * s.Stride - s.Padding + p;
                            for (var w = 0; w < ow; w++)
                            {
                                var i = w * s.Stride - s.Padding + q;
                                row[v * ow + w] = (uint)j < (uint)s.H && (uint)i < (uint)s.W ? x[(c * s.H + j) * s.W + i] : 0f;
                            }
                        }
                    }

            for (var ul = 0; ul < dg; ul++)
            {
                var u = g * dg + ul;
                var dst = y.Slice(u * n, n);
                dst.Clear();
                for (var r = 0; r < rows; r++)
                    TensorPrimitives.MultiplyAdd(col.Slice(r * n, n), k[u * rows + r], dst, dst);
            }
        }
    }

    /// <summary>
    /// A fully connected layer as a .NET developer writes it with SIMD: per sample and row, a Vector512 dot product with
    /// four accumulators (the scalar tail after), plus the bias. W is outputs × inputs, row-major (PyTorch's layout).
    /// </summary>
    /// <summary>The hand-written dot-product loop with the widest accelerated vector: Vector512, else Vector256 (a
    /// Vector512 loop on a machine without AVX-512 would run emulated and flatter the generated code).</summary>
    public static void HandLinear(int inputs, int outputs, int samples, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y)
    {
        if (Vector512.IsHardwareAccelerated) HandLinear512(inputs, outputs, samples, x, w, b, y);
        else HandLinear256(inputs, outputs, samples, x, w, b, y);
    }

    private static void HandLinear256(int inputs, int outputs, int samples, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y)
    {
        for (var n = 0; n < samples; n++)
        {
            var xs = x.Slice(n * inputs, inputs);
            for (var u = 0; u < outputs; u++)
            {
                var row = w.Slice(u * inputs, inputs);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var i = 0;
                for (; i <= inputs - 32; i += 32)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(i)), Vector256.Create(xs.Slice(i)), a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(i + 8)), Vector256.Create(xs.Slice(i + 8)), a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(i + 16)), Vector256.Create(xs.Slice(i + 16)), a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(i + 24)), Vector256.Create(xs.Slice(i + 24)), a3);
                }

                for (; i <= inputs - 8; i += 8)
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(i)), Vector256.Create(xs.Slice(i)), a0);
                var sum = Vector256.Sum((a0 + a1) + (a2 + a3));
                for (; i < inputs; i++) sum += row[i] * xs[i];
                y[n * outputs + u] = sum + (b.IsEmpty ? 0 : b[u]);
            }
        }
    }

    private static void HandLinear512(int inputs, int outputs, int samples, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y)
    {
        for (var n = 0; n < samples; n++)
        {
            var xs = x.Slice(n * inputs, inputs);
            for (var u = 0; u < outputs; u++)
            {
                var row = w.Slice(u * inputs, inputs);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var i = 0;
                for (; i <= inputs - 64; i += 64)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i)), Vector512.Create(xs.Slice(i)), a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 16)), Vector512.Create(xs.Slice(i + 16)), a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 32)), Vector512.Create(xs.Slice(i + 32)), a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 48)), Vector512.Create(xs.Slice(i + 48)), a3);
                }

                for (; i <= inputs - 16; i += 16)
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i)), Vector512.Create(xs.Slice(i)), a0);
                var sum = Vector512.Sum((a0 + a1) + (a2 + a3));
                for (; i < inputs; i++) sum += row[i] * xs[i];
                y[n * outputs + u] = sum + (b.IsEmpty ? 0 : b[u]);
            }
        }
    }
}
