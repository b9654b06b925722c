using System;

namespace ConvGen.IntegrationTests;

/// <summary>
/// An independent, deliberately plain double-precision reference for one sample at a time, written
/// from the SPEC's formulas and PyTorch's definitions. It shares no code with the generator.
/// Every function that returns values has an "S" twin: the same computation on absolute values,
/// which is the SPEC's per-element accuracy scale (the sum of the absolute values of the terms).
/// </summary>
public static class ReferenceConv
{
    /// <summary>The linear part of Forward (no bias, no activation) for one sample.</summary>
    public static double[] ForwardLinear(LayerDef l, double[] x, double[] w)
    {
        Check(x.Length == l.InputLength && w.Length == l.WeightsLength, "ForwardLinear: bad lengths");
        return l.Kind == RefLayerKind.Conv2D ? ConvLinear(l, x, w) : TransposedLinear(l, x, w);
    }

    /// <summary>Forward for one sample: linear part, then bias, then ReLU.</summary>
    public static double[] Forward(IRefLayer l, double[] x, double[] w, double[] b)
    {
        double[] y = l.ForwardLinear(x, w);
        AddBias(l, y, b, abs: false);
        if (l.Relu)
        {
            for (int s = 0; s < y.Length; s++)
            {
                y[s] = Math.Max(0.0, y[s]);
            }
        }

        return y;
    }

    /// <summary>The accuracy scale of <see cref="Forward"/>: Σ|x·w| over the taps, plus |bias|.</summary>
    public static double[] ForwardS(IRefLayer l, double[] x, double[] w, double[] b)
    {
        double[] s = l.ForwardLinear(Abs(x), Abs(w));
        AddBias(l, s, b, abs: true);
        return s;
    }

    /// <summary>The dense M (OutputLength × InputLength, row-major): column t is Forward's linear part of e_t.</summary>
    public static double[] DenseMatrix(IRefLayer l, double[] w)
    {
        int rows = l.OutputLength, cols = l.InputLength;
        var m = new double[rows * cols];
        var e = new double[cols];
        for (int t = 0; t < cols; t++)
        {
            e[t] = 1.0;
            double[] column = l.ForwardLinear(e, w);
            e[t] = 0.0;
            for (int s = 0; s < rows; s++)
            {
                m[s * cols + t] = column[s];
            }
        }

        return m;
    }

    /// <summary>x = Mᵀ·y for one sample, with a dense M from <see cref="DenseMatrix"/>.</summary>
    public static double[] Transpose(IRefLayer l, double[] m, double[] y)
    {
        int rows = l.OutputLength, cols = l.InputLength;
        Check(m.Length == rows * cols && y.Length == rows, "Transpose: bad lengths");
        var x = new double[cols];
        for (int s = 0; s < rows; s++)
        {
            for (int t = 0; t < cols; t++)
            {
                x[t] += m[s * cols + t] * y[s];
            }
        }

        return x;
    }

    /// <summary>
    /// dL/dW for L = Σ_n Σ_s g_n[s]·(M(W)·x_n)[s]. M is linear in W, so component e is
    /// Σ_n ⟨g_n, M(e_e)·x_n⟩. With abs = true it returns the accuracy scale instead (|x|, |g|). A [Linear] layer's is the
    /// textbook Σ_n g_n·x_nᵀ (the unit-weight walk would cost its weights² multiply-adds).
    /// </summary>
    public static double[] WeightsGradient(IRefLayer l, double[] x, double[] g, int batch, bool abs = false)
    {
        Check(x.Length == batch * l.InputLength && g.Length == batch * l.OutputLength, "WeightsGradient: bad lengths");
        if (l is LinearDef linear) return linear.WeightsGradient(x, g, batch, abs);
        var grad = new double[l.WeightsLength];
        var unit = new double[l.WeightsLength];
        for (int e = 0; e < grad.Length; e++)
        {
            unit[e] = 1.0;
            for (int n = 0; n < batch; n++)
            {
                double[] xn = Slice(x, n, l.InputLength);
                double[] gn = Slice(g, n, l.OutputLength);
                double[] y = l.ForwardLinear(abs ? Abs(xn) : xn, unit);
                for (int s = 0; s < y.Length; s++)
                {
                    grad[e] += y[s] * (abs ? Math.Abs(gn[s]) : gn[s]);
                }
            }

            unit[e] = 0.0;
        }

        return grad;
    }

    /// <summary>dL/db: g summed over positions and the batch, per output channel (abs: of |g|).</summary>
    public static double[] BiasGradient(IRefLayer l, double[] g, int batch, bool abs = false)
    {
        Check(g.Length == batch * l.OutputLength, "BiasGradient: bad lengths");
        int plane = l.OutputPlane;
        var grad = new double[l.D];
        for (int n = 0; n < batch; n++)
        {
            for (int u = 0; u < l.D; u++)
            {
                for (int k = 0; k < plane; k++)
                {
                    double v = g[n * l.OutputLength + u * plane + k];
                    grad[u] += abs ? Math.Abs(v) : v;
                }
            }
        }

        return grad;
    }

    public static double[] Abs(double[] a)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = Math.Abs(a[i]);
        }

        return r;
    }

    public static double[] Slice(double[] a, int index, int length) => a.AsSpan(index * length, length).ToArray();

    /// <summary>
    /// The input padded as PyTorch's F.pad does for the layer's padding mode:
    /// C × (H + top + bottom) × (W + left + right).
    /// </summary>
    public static double[] PadInput(LayerDef l, double[] x, out int hp, out int wp)
    {
        hp = l.H + l.PadTop + l.PadBottom;
        wp = l.W + l.PadLeft + l.PadRight;
        var padded = new double[l.C * hp * wp];
        for (int i = 0; i < l.C; i++)
        {
            for (int r = 0; r < hp; r++)
            {
                int j = SourceIndex(r - l.PadTop, l.H, l.PaddingMode);
                for (int c = 0; c < wp; c++)
                {
                    int k = SourceIndex(c - l.PadLeft, l.W, l.PaddingMode);
                    padded[(i * hp + r) * wp + c] = j < 0 || k < 0 ? 0.0 : x[(i * l.H + j) * l.W + k];
                }
            }
        }

        return padded;
    }

    /// <summary>Which source index a padded position reads along one axis, or −1 for a zero.</summary>
    public static int SourceIndex(int j, int n, RefPaddingMode mode)
    {
        if (j >= 0 && j < n)
        {
            return j;
        }

        return mode switch
        {
            RefPaddingMode.Zeros => -1,
            RefPaddingMode.Reflect => j < 0 ? -j : 2 * (n - 1) - j,       // mirror, edge not repeated
            RefPaddingMode.Replicate => j < 0 ? 0 : n - 1,                // clamp to the edge
            RefPaddingMode.Circular => ((j % n) + n) % n,                 // wrap around
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    /// <summary>Strided, dilated, grouped cross-correlation on the explicitly padded input.</summary>
    private static double[] ConvLinear(LayerDef l, double[] x, double[] w)
    {
        double[] xp = PadInput(l, x, out int hp, out int wp);
        int cg = l.C / l.Groups, dg = l.D / l.Groups, oh = l.OutH, ow = l.OutW;
        var y = new double[l.OutputLength];
        for (int u = 0; u < l.D; u++)
        {
            int group = u / dg;
            for (int v = 0; v < oh; v++)
            {
                for (int c = 0; c < ow; c++)
                {
                    double sum = 0.0;
                    for (int ci = 0; ci < cg; ci++)
                    {
                        int i = group * cg + ci;
                        for (int p = 0; p < l.P; p++)
                        {
                            for (int q = 0; q < l.Q; q++)
                            {
                                int kp = l.Flip ? l.P - 1 - p : p, kq = l.Flip ? l.Q - 1 - q : q;
                                double k = w[((u * cg + ci) * l.P + kp) * l.Q + kq];
                                int row = v * l.StrideH + p * l.DilationH;
                                int col = c * l.StrideW + q * l.DilationW;
                                sum += xp[(i * hp + row) * wp + col] * k;
                            }
                        }
                    }

                    y[(u * oh + v) * ow + c] = sum;
                }
            }
        }

        return y;
    }

    /// <summary>PyTorch's conv_transpose2d in scatter form: every input element spreads over the output.</summary>
    private static double[] TransposedLinear(LayerDef l, double[] x, double[] w)
    {
        Check(l.PaddingMode == RefPaddingMode.Zeros, "ConvTranspose2D supports zero padding only");
        int cg = l.C / l.Groups, dg = l.D / l.Groups, oh = l.OutH, ow = l.OutW;
        var y = new double[l.OutputLength];
        for (int i = 0; i < l.C; i++)
        {
            int group = i / cg;
            for (int iy = 0; iy < l.H; iy++)
            {
                for (int ix = 0; ix < l.W; ix++)
                {
                    double xv = x[(i * l.H + iy) * l.W + ix];
                    for (int ol = 0; ol < dg; ol++)
                    {
                        int o = group * dg + ol;
                        for (int ky = 0; ky < l.P; ky++)
                        {
                            for (int kx = 0; kx < l.Q; kx++)
                            {
                                int oy = iy * l.StrideH - l.PadTop + ky * l.DilationH;
                                int ox = ix * l.StrideW - l.PadLeft + kx * l.DilationW;
                                if (oy < 0 || oy >= oh || ox < 0 || ox >= ow)
                                {
                                    continue;
                                }

                                int kp = l.Flip ? l.P - 1 - ky : ky, kq = l.Flip ? l.Q - 1 - kx : kx;
                                y[(o * oh + oy) * ow + ox] += xv * w[((i * dg + ol) * l.P + kp) * l.Q + kq];
                            }
                        }
                    }
                }
            }
        }

        return y;
    }

    private static void AddBias(IRefLayer l, double[] y, double[] b, bool abs)
    {
        if (!l.Bias)
        {
            return;
        }

        Check(b.Length == l.D, "bias: bad length");
        int plane = l.OutputPlane;
        for (int u = 0; u < l.D; u++)
        {
            for (int k = 0; k < plane; k++)
            {
                y[u * plane + k] += abs ? Math.Abs(b[u]) : b[u];
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Reference misuse: " + message);
        }
    }
}
