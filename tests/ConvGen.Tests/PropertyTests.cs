using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using ConvGen.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Random small valid layers, compiled in memory with the generator's output, loaded into a collectible
/// AssemblyLoadContext and run: every member against an independent double-precision reference written from
/// SPEC's formulas (ConvTranspose2D in scatter form). FsCheck shrinks a failing layer to a minimal one; the case
/// prints as its attribute text.
/// </summary>
public sealed class PropertyTests
{
    private const int MaxTest = 40;

    /// <summary>One layer. <see cref="ToString"/> is the attribute text, so FsCheck's counterexample is readable.</summary>
    public sealed record LayerCase(
        bool Transpose, int C, int H, int W, int D, int P, int Q,
        int StrideH, int StrideW, int DilationH, int DilationW,
        int PadTop, int PadBottom, int PadLeft, int PadRight, int AutoPad,
        int OutPadH, int OutPadW, int Groups, int Mode,
        bool Bias, bool Relu, bool Flip, bool Double, int Batch, int Seed)
    {
        public string AttributeText(string? weights = null)
        {
            var args = new List<string>();
            if (StrideH == StrideW) { if (StrideH != 1) args.Add($"Stride = {StrideH}"); }
            else args.Add($"StrideH = {StrideH}, StrideW = {StrideW}");
            if (DilationH == DilationW) { if (DilationH != 1) args.Add($"Dilation = {DilationH}"); }
            else args.Add($"DilationH = {DilationH}, DilationW = {DilationW}");
            if (AutoPad != 0) args.Add("AutoPad = ConvAutoPad." + new[] { "NotSet", "Valid", "SameUpper", "SameLower" }[AutoPad]);
            else if (PadTop == PadBottom && PadLeft == PadRight)
            {
                if (PadTop == PadLeft) { if (PadTop != 0) args.Add($"Padding = {PadTop}"); }
                else args.Add($"PaddingH = {PadTop}, PaddingW = {PadLeft}");
            }
            else args.Add($"PaddingTop = {PadTop}, PaddingBottom = {PadBottom}, PaddingLeft = {PadLeft}, PaddingRight = {PadRight}");
            if (OutPadH == OutPadW) { if (OutPadH != 0) args.Add($"OutputPadding = {OutPadH}"); }
            else args.Add($"OutputPaddingH = {OutPadH}, OutputPaddingW = {OutPadW}");
            if (Groups != 1) args.Add($"Groups = {Groups}");
            if (Mode != 0) args.Add("PaddingMode = ConvPaddingMode." + new[] { "Zeros", "Reflect", "Replicate", "Circular" }[Mode]);
            if (Bias) args.Add("Bias = true");
            if (Relu) args.Add("Activation = ConvActivation.Relu");
            if (Flip) args.Add("Flip = true");
            if (Double) args.Add("ElementType = typeof(double)");
            if (weights is not null) args.Add("Weights = " + weights);
            return (Transpose ? "ConvTranspose2D" : "Conv2D") + $"({C}, {H}, {W}, {D}, {P}, {Q}" +
                   string.Concat(args.Select(a => ", " + a)) + ")";
        }

        public override string ToString() => $"[{AttributeText()}] (batch {Batch}, data seed {Seed})";

        // Padding actually applied, and the output size, from SPEC's formulas.
        public (int Top, int Bottom, int Left, int Right) Pads()
        {
            if (AutoPad == 1) return (0, 0, 0, 0);
            if (AutoPad is 2 or 3)
            {
                var (th, tw) = Transpose
                    ? (OutPadH + DilationH * (P - 1) + 1 - StrideH, OutPadW + DilationW * (Q - 1) + 1 - StrideW)
                    : ((Ceil(H, StrideH) - 1) * StrideH + DilationH * (P - 1) + 1 - H, (Ceil(W, StrideW) - 1) * StrideW + DilationW * (Q - 1) + 1 - W);
                var top = AutoPad == 2 ? th / 2 : th - th / 2;
                var left = AutoPad == 2 ? tw / 2 : tw - tw / 2;
                return (top, th - top, left, tw - left);
            }

            return (PadTop, PadBottom, PadLeft, PadRight);
        }

        public int OutH => Transpose
            ? (H - 1) * StrideH - Pads().Top - Pads().Bottom + DilationH * (P - 1) + OutPadH + 1
            : FloorDiv(H + Pads().Top + Pads().Bottom - DilationH * (P - 1) - 1, StrideH) + 1;

        public int OutW => Transpose
            ? (W - 1) * StrideW - Pads().Left - Pads().Right + DilationW * (Q - 1) + OutPadW + 1
            : FloorDiv(W + Pads().Left + Pads().Right - DilationW * (Q - 1) - 1, StrideW) + 1;

        public int InputLength => C * H * W;
        public int OutputLength => D * OutH * OutW;
        public int WeightsLength => (Transpose ? C * (D / Groups) : D * (C / Groups)) * P * Q;

        public bool IsValid()
        {
            if (C < 1 || H < 1 || W < 1 || D < 1 || P < 1 || Q < 1 || StrideH < 1 || StrideW < 1 || DilationH < 1 || DilationW < 1) return false;
            if (Groups < 1 || C % Groups != 0 || D % Groups != 0) return false;
            if (Math.Min(Math.Min(PadTop, PadBottom), Math.Min(PadLeft, PadRight)) < 0 || OutPadH < 0 || OutPadW < 0) return false;
            if (AutoPad != 0 && (PadTop | PadBottom | PadLeft | PadRight) != 0) return false;
            if (Transpose)
            {
                if (Mode != 0 || OutPadH >= Math.Max(StrideH, DilationH) || OutPadW >= Math.Max(StrideW, DilationW)) return false;
            }
            else if (OutPadH != 0 || OutPadW != 0) return false;

            var (t, b, l, r) = Pads();
            if (Math.Min(Math.Min(t, b), Math.Min(l, r)) < 0) return false;
            if (Mode == 1 && (Math.Max(t, b) >= H || Math.Max(l, r) >= W)) return false;
            if (Mode == 3 && (Math.Max(t, b) > H || Math.Max(l, r) > W)) return false;
            return OutH >= 1 && OutW >= 1 && Batch >= 1;
        }
    }

    private static int Ceil(int a, int b) => (a + b - 1) / b;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static Gen<LayerCase> LayerGen() =>
        from transpose in Gen.Elements(false, true)
        from c in Gen.Choose(1, 4)
        from d in Gen.Choose(1, 4)
        from g in Gen.Elements(Enumerable.Range(1, 4).Where(x => c % x == 0 && d % x == 0).ToArray())
        from h in Gen.Choose(1, 7)
        from w in Gen.Choose(1, 7)
        from p in Gen.Choose(1, 3)
        from q in Gen.Choose(1, 3)
        from sh in Gen.Choose(1, 2)
        from sw in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(1, 2)))
        from dh in Gen.Choose(1, 2)
        from dw in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(1, 2)))
        from padForm in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)), (2, Gen.Constant(3)))
        from pads in Gen.ArrayOf(Gen.Choose(0, 2), 4)
        from autoPad in Gen.Choose(1, 3)
        from op in Gen.ArrayOf(Gen.Choose(0, 1), 2)
        from mode in transpose ? Gen.Constant(0) : Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
        from flags in Gen.ArrayOf(Gen.Elements(false, true), 4)
        from batch in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, 1_000_000)
        let strideW = sw < 0 ? sh : sw
        let dilationW = dw < 0 ? dh : dw
        let pt = padForm switch { 0 or 3 => 0, 1 => pads[0], _ => pads[0] }
        let pb = padForm switch { 0 or 3 => 0, 1 => pads[0], _ => pads[1] }
        let pl = padForm switch { 0 or 3 => 0, 1 => pads[0], _ => pads[2] }
        let pr = padForm switch { 0 or 3 => 0, 1 => pads[0], _ => pads[3] }
        let opH = transpose ? Math.Min(op[0], Math.Max(sh, dh) - 1) : 0
        let opW = transpose ? Math.Min(op[1], Math.Max(strideW, dilationW) - 1) : 0
        select new LayerCase(transpose, c, h, w, d, p, q, sh, strideW, dh, dilationW, pt, pb, pl, pr,
            padForm == 3 ? autoPad : 0, opH, opW, g, mode, flags[0], flags[1], flags[2], flags[3], batch, seed);

    /// <summary>Shrinks one field at a time toward the simplest layer, keeping it valid.</summary>
    private static IEnumerable<LayerCase> Shrink(LayerCase l)
    {
        var candidates = new List<LayerCase>
        {
            l with { Bias = false }, l with { Relu = false }, l with { Flip = false }, l with { Double = false },
            l with { Mode = 0 }, l with { AutoPad = 0 }, l with { Batch = 1 },
            l with { Groups = 1 }, l with { C = 1, Groups = 1 }, l with { D = 1, Groups = 1 },
            l with { C = l.Groups, D = l.Groups }, l with { OutPadH = 0 }, l with { OutPadW = 0 },
            l with { StrideH = 1, OutPadH = 0 }, l with { StrideW = 1, OutPadW = 0 }, l with { DilationH = 1, OutPadH = 0 }, l with { DilationW = 1, OutPadW = 0 },
            l with { PadTop = 0 }, l with { PadBottom = 0 }, l with { PadLeft = 0 }, l with { PadRight = 0 },
            l with { H = l.H - 1 }, l with { W = l.W - 1 }, l with { P = l.P - 1 }, l with { Q = l.Q - 1 },
            l with { C = l.C - l.Groups }, l with { D = l.D - l.Groups },
        };
        return candidates.Where(c => c != l && c.IsValid()).Distinct();
    }

    [Fact]
    public void RandomValidLayers_AgreeWithReference()
    {
        var arb = Arb.From(LayerGen().Where(l => l.IsValid()), Shrink);
        var property = Prop.ForAll(arb, (LayerCase layer) => CheckLayer(layer));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(MaxTest), property);
    }

    // ---------------------------------------------------------------- reference

    /// <summary>The linear part (M·x) of one sample, in double, from SPEC's formulas.</summary>
    internal static double[] Linear(LayerCase l, ReadOnlySpan<double> x, ReadOnlySpan<double> k)
    {
        var (pt, _, pl, _) = l.Pads();
        int oh = l.OutH, ow = l.OutW;
        var y = new double[l.OutputLength];
        if (!l.Transpose)
        {
            int cg = l.C / l.Groups, dg = l.D / l.Groups;
            for (var u = 0; u < l.D; u++)
            {
                var g = u / dg;
                for (var v = 0; v < oh; v++)
                for (var z = 0; z < ow; z++)
                {
                    double sum = 0;
                    for (var ic = 0; ic < cg; ic++)
                    {
                        var i = g * cg + ic;
                        for (var a = 0; a < l.P; a++)
                        for (var b = 0; b < l.Q; b++)
                        {
                            var r = Map(v * l.StrideH - pt + a * l.DilationH, l.H, l.Mode);
                            var s = Map(z * l.StrideW - pl + b * l.DilationW, l.W, l.Mode);
                            if (r < 0 || s < 0) continue;
                            var ka = l.Flip ? l.P - 1 - a : a;
                            var kb = l.Flip ? l.Q - 1 - b : b;
                            sum += k[((u * cg + ic) * l.P + ka) * l.Q + kb] * x[(i * l.H + r) * l.W + s];
                        }
                    }

                    y[(u * oh + v) * ow + z] = sum;
                }
            }
        }
        else
        {
            int cg = l.C / l.Groups, dg = l.D / l.Groups;
            for (var i = 0; i < l.C; i++)
            {
                var g = i / cg;
                for (var j = 0; j < l.H; j++)
                for (var m = 0; m < l.W; m++)
                {
                    var xv = x[(i * l.H + j) * l.W + m];
                    for (var o = 0; o < dg; o++)
                    {
                        var u = g * dg + o;
                        for (var a = 0; a < l.P; a++)
                        for (var b = 0; b < l.Q; b++)
                        {
                            var v = j * l.StrideH - pt + a * l.DilationH;
                            var z = m * l.StrideW - pl + b * l.DilationW;
                            if (v < 0 || v >= oh || z < 0 || z >= ow) continue;
                            var ka = l.Flip ? l.P - 1 - a : a;
                            var kb = l.Flip ? l.Q - 1 - b : b;
                            y[(u * oh + v) * ow + z] += xv * k[((i * dg + o) * l.P + ka) * l.Q + kb];
                        }
                    }
                }
            }
        }

        return y;
    }

    /// <summary>PyTorch F.pad index mapping; -1 for a zero.</summary>
    private static int Map(int r, int n, int mode)
    {
        if (r >= 0 && r < n) return r;
        switch (mode)
        {
            case 0: return -1;
            case 1: return r < 0 ? -r : 2 * (n - 1) - r;
            case 2: return r < 0 ? 0 : n - 1;
            default: return ((r % n) + n) % n;
        }
    }

    /// <summary>Dense M (row-major OutputLength × InputLength), built column by column from <see cref="Linear"/>.</summary>
    private static double[] Matrix(LayerCase l, double[] k)
    {
        int rows = l.OutputLength, cols = l.InputLength;
        var m = new double[rows * cols];
        var e = new double[cols];
        for (var t = 0; t < cols; t++)
        {
            e[t] = 1;
            var col = Linear(l, e, k);
            for (var s = 0; s < rows; s++) m[s * cols + t] = col[s];
            e[t] = 0;
        }

        return m;
    }

    private static double[] MatVec(double[] m, int rows, int cols, ReadOnlySpan<double> x, bool transpose)
    {
        var y = new double[transpose ? cols : rows];
        for (var s = 0; s < rows; s++)
        for (var t = 0; t < cols; t++)
        {
            if (transpose) y[t] += m[s * cols + t] * x[s];
            else y[s] += m[s * cols + t] * x[t];
        }

        return y;
    }

    // ---------------------------------------------------------------- the property

    private static bool CheckLayer(LayerCase l)
    {
        var rng = new Random(l.Seed);
        double R(int scale) => rng.Next(-2 * scale, 2 * scale + 1) / (double)scale; // exact in float
        var weights = Enumerable.Range(0, l.WeightsLength).Select(_ => rng.Next(5) == 0 ? 0 : R(8)).ToArray();
        var bias = Enumerable.Range(0, l.D).Select(_ => R(8)).ToArray();
        int n = l.Batch, inLen = l.InputLength, outLen = l.OutputLength;
        var x = Enumerable.Range(0, n * inLen).Select(_ => R(16)).ToArray();
        var g = Enumerable.Range(0, n * outLen).Select(_ => R(16)).ToArray();
        var weightsText = "new double[] { " + string.Join(", ", weights.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " }";

        using var layer = CompiledLayer.Compile(l, weightsText);
        var dims = (int[])layer.Call("Dims")!;
        Expect(l, dims.SequenceEqual(new[] { l.OutH, l.OutW, inLen, outLen, l.WeightsLength, l.Bias ? l.D : 0 }),
            $"constants: got [{string.Join(", ", dims)}], expected [{l.OutH}, {l.OutW}, {inLen}, {outLen}, {l.WeightsLength}, {(l.Bias ? l.D : 0)}]");

        var (rel, abs) = l.Double ? (1e-12, 1e-12) : (1e-4, 1e-6);
        var m = Matrix(l, weights);
        var absM = Matrix(l, weights.Select(Math.Abs).ToArray());
        var b = l.Bias ? bias : Array.Empty<double>();

        // Forward against the reference, per sample; and the batch against single calls.
        var y = (double[])layer.Call("Forward", x, weights, b, n)!;
        var yConst = (double[])layer.Call("ForwardK", x, b, n)!;
        for (var s = 0; s < n; s++)
        {
            var xs = x.AsSpan(s * inLen, inLen);
            var lin = MatVec(m, outLen, inLen, xs, false);
            var bound = MatVec(absM, outLen, inLen, xs.ToArray().Select(Math.Abs).ToArray(), false);
            var single = (double[])layer.Call("Forward", xs.ToArray(), weights, b, 1)!;
            for (var e = 0; e < outLen; e++)
            {
                var u = e / (l.OutH * l.OutW);
                var expected = lin[e] + (l.Bias ? bias[u] : 0);
                if (l.Relu) expected = Math.Max(0, expected);
                var tol = rel * (bound[e] + (l.Bias ? Math.Abs(bias[u]) : 0)) + abs;
                Near(l, "Forward", s, e, expected, y[s * outLen + e], tol);
                Near(l, "Forward (batch vs single)", s, e, single[e], y[s * outLen + e], 2 * tol);
                Near(l, "Forward (constant Weights vs run-time weights)", s, e, y[s * outLen + e], yConst[s * outLen + e], 2 * tol);
            }
        }

        // Transpose against Mᵀ, and the adjoint identity <M x, g> = <x, Mᵀ g> with the generated ToMatrix and Transpose.
        var xt = (double[])layer.Call("Transpose", g, weights, n)!;
        var xtConst = (double[])layer.Call("TransposeK", g, n)!;
        var matrix = (double[])layer.Call("ToMatrix", weights)!;
        for (var e = 0; e < matrix.Length; e++) Near(l, "ToMatrix", 0, e, m[e], matrix[e], rel * absM[e] + abs);
        for (var s = 0; s < n; s++)
        {
            var gs = g.AsSpan(s * outLen, outLen);
            var expected = MatVec(m, outLen, inLen, gs, true);
            var bound = MatVec(absM, outLen, inLen, gs.ToArray().Select(Math.Abs).ToArray(), true);
            for (var e = 0; e < inLen; e++)
            {
                Near(l, "Transpose", s, e, expected[e], xt[s * inLen + e], rel * bound[e] + abs);
                Near(l, "Transpose (constant Weights vs run-time weights)", s, e, xt[s * inLen + e], xtConst[s * inLen + e], 2 * (rel * bound[e] + abs));
            }

            var xs = x.AsSpan(s * inLen, inLen);
            var mx = MatVec(matrix, outLen, inLen, xs, false);
            double left = 0, right = 0, scale = 0;
            var absX = xs.ToArray().Select(Math.Abs).ToArray();
            var absMx = MatVec(absM, outLen, inLen, absX, false);
            for (var e = 0; e < outLen; e++) { left += mx[e] * gs[e]; scale += absMx[e] * Math.Abs(gs[e]); }
            for (var e = 0; e < inLen; e++) right += xs[e] * xt[s * inLen + e];
            var adjointTol = 2 * rel * scale + abs * (gs.ToArray().Sum(Math.Abs) + absX.Sum() + 1);
            Expect(l, Math.Abs(left - right) <= adjointTol, $"adjoint identity, sample {s}: <Mx, y> = {left:R}, <x, Mᵀy> = {right:R}, tolerance {adjointTol:R}");
            if (!l.Bias && !l.Relu)
            {
                double viaForward = 0;
                for (var e = 0; e < outLen; e++) viaForward += y[s * outLen + e] * gs[e];
                Expect(l, Math.Abs(viaForward - right) <= adjointTol, $"adjoint identity via Forward, sample {s}: <Mx, y> = {viaForward:R}, <x, Mᵀy> = {right:R}");
            }
        }

        // WeightsGradient: dL/dW_k = Σ_n <g_n, M(e_k) x_n>; BiasGradient: Σ over positions and batch.
        var wg = (double[])layer.Call("WeightsGradient", x, g, n)!;
        var unit = new double[l.WeightsLength];
        for (var kk = 0; kk < l.WeightsLength; kk++)
        {
            unit[kk] = 1;
            double expected = 0, bound = 0;
            for (var s = 0; s < n; s++)
            {
                var xs = x.AsSpan(s * inLen, inLen);
                var col = Linear(l, xs, unit);
                var colAbs = Linear(l, xs.ToArray().Select(Math.Abs).ToArray(), unit);
                for (var e = 0; e < outLen; e++) { expected += col[e] * g[s * outLen + e]; bound += colAbs[e] * Math.Abs(g[s * outLen + e]); }
            }

            unit[kk] = 0;
            Near(l, "WeightsGradient", 0, kk, expected, wg[kk], rel * bound + abs);
        }

        if (l.Bias)
        {
            var bg = (double[])layer.Call("BiasGradient", g)!;
            var per = l.OutH * l.OutW;
            for (var u = 0; u < l.D; u++)
            {
                double expected = 0, bound = 0;
                for (var s = 0; s < n; s++)
                for (var e = 0; e < per; e++) { expected += g[s * outLen + u * per + e]; bound += Math.Abs(g[s * outLen + u * per + e]); }
                Near(l, "BiasGradient", 0, u, expected, bg[u], rel * bound + abs);
            }
        }

        return true;
    }

    private static void Near(LayerCase l, string what, int sample, int index, double expected, double actual, double tol)
    {
        if (!(Math.Abs(expected - actual) <= tol))
            throw new InvalidOperationException($"[{l.AttributeText()}] {what}: sample {sample}, element {index}: expected {expected:R}, got {actual:R} (tolerance {tol:R})");
    }

    private static void Expect(LayerCase l, bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException($"[{l.AttributeText()}] {message}");
    }

    // ---------------------------------------------------------------- compiling and loading

    /// <summary>The layer, its constant-Weights twin and an array-based harness, compiled and loaded.</summary>
    private sealed class CompiledLayer : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Type _harness;

        private CompiledLayer(AssemblyLoadContext context, Type harness)
        {
            _context = context;
            _harness = harness;
        }

        public object? Call(string name, params object[] args)
        {
            try
            {
                return _harness.GetMethod(name)!.Invoke(null, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException($"{name} threw: {e.InnerException}", e.InnerException);
            }
        }

        public void Dispose() => _context.Unload();

        public static string Source(LayerCase l, string weightsText)
        {
            var t = l.Double ? "double" : "float";
            var w = "C(w), ";
            var bias = l.Bias ? "C(b), " : "";
            var sb = new StringBuilder();
            sb.Append("using System;\nusing ConvGen;\n\nnamespace Prop\n{\n");
            sb.Append($"    [{l.AttributeText()}]\n    public static partial class L {{ }}\n\n");
            sb.Append($"    [{l.AttributeText(weightsText)}]\n    public static partial class K {{ }}\n\n");
            sb.Append("    public static class H\n    {\n");
            sb.Append($"        private static {t}[] C(double[] a) {{ var r = new {t}[a.Length]; for (var i = 0; i < a.Length; i++) r[i] = ({t})a[i]; return r; }}\n");
            sb.Append($"        private static double[] B({t}[] a) {{ var r = new double[a.Length]; for (var i = 0; i < a.Length; i++) r[i] = a[i]; return r; }}\n");
            sb.Append("        public static int[] Dims() => new[] { L.OutputHeight, L.OutputWidth, L.InputLength, L.OutputLength, L.WeightsLength, L.BiasLength };\n");
            sb.Append($"        public static double[] Forward(double[] x, double[] w, double[] b, int n) {{ var y = new {t}[n * L.OutputLength]; L.Forward(C(x), {w}{bias}y); return B(y); }}\n");
            sb.Append($"        public static double[] ForwardK(double[] x, double[] b, int n) {{ var y = new {t}[n * K.OutputLength]; K.Forward(C(x), {bias}y); return B(y); }}\n");
            sb.Append($"        public static double[] Transpose(double[] y, double[] w, int n) {{ var x = new {t}[n * L.InputLength]; L.Transpose(C(y), C(w), x); return B(x); }}\n");
            sb.Append($"        public static double[] TransposeK(double[] y, int n) {{ var x = new {t}[n * K.InputLength]; K.Transpose(C(y), x); return B(x); }}\n");
            sb.Append($"        public static double[] ToMatrix(double[] w) {{ var m = new {t}[L.OutputLength * L.InputLength]; L.ToMatrix(C(w), m); return B(m); }}\n");
            sb.Append($"        public static double[] WeightsGradient(double[] x, double[] g, int n) {{ var r = new {t}[L.WeightsLength]; L.WeightsGradient(C(x), C(g), r); return B(r); }}\n");
            if (l.Bias)
                sb.Append($"        public static double[] BiasGradient(double[] g) {{ var r = new {t}[L.BiasLength]; L.BiasGradient(C(g), r); return B(r); }}\n");
            sb.Append("    }\n}\n");
            return sb.ToString();
        }

        public static CompiledLayer Compile(LayerCase l, string weightsText)
        {
            var source = Source(l, weightsText);
            var output = GeneratorDriverHelper.Run(source);
            GeneratorDriverHelper.AssertNoGeneratorFailure(output);
            var errors = output.GeneratorDiagnostics.Concat(output.OutputDiagnostics)
                .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Id != "CS1591"))
                .ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException($"[{l.AttributeText()}] does not compile cleanly:\n{GeneratorDriverHelper.Format(errors)}\n{source}");
            using var stream = new MemoryStream();
            var emit = output.OutputCompilation.Emit(stream);
            if (!emit.Success)
                throw new InvalidOperationException($"[{l.AttributeText()}] emit failed:\n{GeneratorDriverHelper.Format(emit.Diagnostics)}");
            stream.Position = 0;
            var context = new AssemblyLoadContext("ConvGen.PropertyTests", isCollectible: true);
            var assembly = context.LoadFromStream(stream);
            return new CompiledLayer(context, assembly.GetType("Prop.H", throwOnError: true)!);
        }
    }
}
