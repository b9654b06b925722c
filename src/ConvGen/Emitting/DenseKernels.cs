using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// The kernels of a dense layer (<see cref="Geometry.IsDense"/>: [Linear], or a convolution whose kernel covers its whole
/// input), where M is the weights W, D × K row-major (K = InputLength). Forward takes the whole batch: register tiles of
/// samples × rows of W, each accumulator a vector of products along K, summed across lanes at the end (a dot-product
/// GEMM: neither operand is re-laid out, so run-time weights in PyTorch's layout cost nothing extra); the last vector of
/// a row overlaps the one before it and masks the lanes already counted. Transpose accumulates column blocks of W
/// weighted by broadcast y; WeightsGradient adds the outer product gy·xᵀ row by row; ToMatrix copies W.
/// </summary>
internal static partial class DenseKernels
{
    private const string Unsafe = SimdKernels.Unsafe;
    private const string Marshal = SimdKernels.Marshal;

    /// <summary>The register tile of Forward for one sample: 4 rows of W (W streams from memory once). Each row's dot
    /// product is one chain of FMAs whatever the tile, so this only sets how many rows stream at once: on the AVX-512
    /// host, y = W·x with K = 1024 and 256 rows ran 10.4–10.9 µs with 4 rows (or 2) against 12.0–13.4 with 8, and
    /// 12.8–13.0 against 18.3–18.5 µs with Vector256. Over K = 64 … 2048, 8 rows were ahead only at K = 2048
    /// (12.1–12.4 against 12.3–13.7 µs).</summary>
    public const int SingleRows = 4;

    /// <summary>The register tile of Forward for batches, samples × rows of W, sized to the vector registers of the
    /// width: 4 × 6 with Vector512 (24 accumulators of the 32 registers, 10 loads per 24 FMAs), 3 × 4 with
    /// Vector256/128 (12 accumulators of the 16 registers AVX2 machines have, 7 loads per 12 FMAs; a 4 × 4 tile spills).</summary>
    private static (int Samples, int Rows) BatchTile(int bits) => bits == 512 ? (4, 6) : (3, 4);

    /// <summary>Column blocks of Transpose: vectors of W's row per block (accumulators in registers across all D rows).</summary>
    private const int TransposeVectors = 4;

    /// <summary>The vector widths Forward, Transpose and WeightsGradient use (widest first): those that fit K.</summary>
    public static int[] Widths(Geometry g) =>
        new[] { 512, 256, 128 }.Where(bits => bits / 8 / g.Spec.Element.Size <= g.InputLength).ToArray();

    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        var widths = Widths(ctx.Geometry);
        foreach (var bits in widths)
        {
            SimdKernels.EmitFma(w, ctx.T, bits);
            w.Line();
        }

        Forward(w, ctx, widths);
        if (ParallelMembers.SplitsDense(ctx)) ForwardRows(w, ctx, widths);
        if (ctx.ForwardOnly) return;
        Transpose(w, ctx, widths);
        WeightsGradient(w, ctx, widths);
        if (ctx.PlanarMatrix)
        {
            w.Line();
            w.Line("/// <summary>M is W: the weights copied.</summary>");
            using (w.Block($"public static void ToMatrix({Names.ReadOnlySpan}<{ctx.T}> w, {Names.Span}<{ctx.T}> m)"))
                w.Line("w.CopyTo(m);");
        }
    }

    private sealed record Dims(string T, int K, int D, int Bits, int Lanes)
    {
        public string V => "global::System.Runtime.Intrinsics.Vector" + Bits;

        public string Vt => $"{V}<{T}>";

        /// <summary>Lanes of the last, overlapping vector of a row that earlier vectors did not cover (0: none overlap).</summary>
        public int Fresh => K % Lanes;

        /// <summary>A constant mask with all bits set in the last <see cref="Fresh"/> lanes.</summary>
        public string TailMask()
        {
            var integer = T == "float" ? "int" : "long";
            var lanes = Enumerable.Range(0, Lanes).Select(l => l >= Lanes - Fresh ? "-1" : "0");
            return $"{V}.As{(T == "float" ? "Single" : "Double")}({V}.Create({string.Join(", ", lanes.Select(v => $"({integer}){v}"))}))";
        }
    }

    private static string Parameters(KernelContext ctx, bool batch)
    {
        var T = ctx.T;
        var list = new List<string> { $"{Names.ReadOnlySpan}<{T}> x" };
        if (!ctx.ConstantWeights) list.Add($"{Names.ReadOnlySpan}<{T}> w");
        if (ctx.Spec.Bias) list.Add($"{Names.ReadOnlySpan}<{T}> b");
        if (ctx.Spec.Residual) list.Add($"{Names.ReadOnlySpan}<{T}> res");
        list.Add($"{Names.Span}<{T}> y");
        if (batch) list.Add("int samples");
        return string.Join(", ", list);
    }

    private static string Arguments(KernelContext ctx) =>
        "x, " + (ctx.ConstantWeights ? "" : "w, ") + (ctx.Spec.Bias ? "b, " : "") + (ctx.Spec.Residual ? "res, " : "") + "y, samples";

    /// <summary>Forward over the batch: a dispatch over the widths, the tile loops per width, the tiles, a scalar fallback.</summary>
    private static void Forward(SourceWriter w, KernelContext ctx, int[] widths)
    {
        var g = ctx.Geometry;
        var formula = ctx.Spec.Activation.Formula("W·x" + (ctx.Spec.Bias ? " + b" : "") + (ctx.Spec.Residual ? " + res" : ""));
        w.Line($"/// <summary>Every sample of the batch: y = {formula}, W = M ({g.OutputLength} × {g.InputLength}).</summary>");
        using (w.Block($"public static void Forward({Parameters(ctx, batch: true)})"))
        {
            foreach (var bits in widths)
                using (w.Block($"if (global::System.Runtime.Intrinsics.Vector{bits}.IsHardwareAccelerated)"))
                {
                    w.Line($"Forward{bits}({Arguments(ctx)});");
                    w.Line("return;");
                }

            using (w.Block("for (int n = 0; n < samples; n++)"))
            using (w.Block($"for (int u = 0; u < {g.OutputLength}; u++)"))
                ScalarRow(w, ctx, "n");
        }

        foreach (var bits in widths)
        {
            var dims = new Dims(ctx.T, g.InputLength, g.OutputLength, bits, bits / 8 / ctx.Spec.Element.Size);
            w.Line();
            ForwardLoops(w, ctx, dims);
            var (batchSamples, batchRows) = BatchTile(bits);
            foreach (var (samples, rows) in new[] { (batchSamples, batchRows), (1, batchRows), (1, SingleRows), (batchSamples, 1), (1, 1) }.Distinct())
            {
                w.Line();
                Tile(w, ctx, dims, samples, rows);
            }
        }
    }

    /// <summary>
    /// One sample's rows uBegin … uEnd − 1 of W, by the tiles Forward runs for one sample: an element's sum takes the
    /// same steps whatever the tile, so row ranges split across threads give Forward's output bit for bit.
    /// </summary>
    private static void ForwardRows(SourceWriter w, KernelContext ctx, int[] widths)
    {
        var g = ctx.Geometry;
        var parameters = Parameters(ctx, batch: false);
        w.Line();
        w.Line($"/// <summary>Rows of a range start at multiples of this (the one-sample register tile's rows of W).</summary>");
        w.Line($"public const int RowBlock = {SingleRows};");
        w.Line();
        w.Line($"/// <summary>One sample, rows uBegin … uEnd − 1 of W (of {g.OutputLength}): the tiles Forward runs for one sample, so each element is Forward's bit for bit.</summary>");
        using (w.Block($"public static void ForwardRows({parameters}, int uBegin, int uEnd)"))
        {
            foreach (var bits in widths)
                using (w.Block($"if (global::System.Runtime.Intrinsics.Vector{bits}.IsHardwareAccelerated)"))
                {
                    w.Line($"ref {ctx.T} xr = ref {Marshal}.GetReference(x);");
                    w.Line($"ref {ctx.T} wr = ref {Marshal}.GetReference(w);");
                    w.Line("int u = uBegin;");
                    using (w.Block($"for (; u <= uEnd - {SingleRows}; u += {SingleRows})"))
                        w.Line($"Tile1x{SingleRows}_{bits}({TileArguments(ctx)}, 0, u);");
                    using (w.Block("for (; u < uEnd; u++)"))
                        w.Line($"Tile1x1_{bits}({TileArguments(ctx)}, 0, u);");
                    w.Line("return;");
                }

            using (w.Block("for (int u = uBegin; u < uEnd; u++)"))
                ScalarRow(w, ctx, "0");
        }
    }

    /// <summary>Forward's scalar loop for row u of sample <paramref name="n"/>.</summary>
    private static void ScalarRow(SourceWriter w, KernelContext ctx, string n)
    {
        var g = ctx.Geometry;
        w.Line($"{ctx.T} sum = {ctx.Zero};");
        using (w.Block($"for (int i = 0; i < {g.InputLength}; i++)"))
            w.Line($"sum += w[u * {g.InputLength} + i] * x[{(n == "0" ? "" : $"{n} * {g.InputLength} + ")}i];");
        Store(w, ctx, "sum", n, "u");
    }

    private static string TileArguments(KernelContext ctx) =>
        "ref xr, ref wr, " + (ctx.Spec.Bias ? "b, " : "") + (ctx.Spec.Residual ? "res, " : "") + "y";

    /// <summary>One register tile: samples n.. × rows u.. of W, dot products along K, then the epilogue per element.</summary>
    private static void Tile(SourceWriter w, KernelContext ctx, Dims d, int samples, int rows)
    {
        var T = d.T;
        var S = Enumerable.Range(0, samples).ToArray();
        var R = Enumerable.Range(0, rows).ToArray();
        var pairs = S.SelectMany(s => R.Select(r => (s, r))).ToArray();
        var spans = (ctx.Spec.Bias ? $"{Names.ReadOnlySpan}<{T}> b, " : "") + (ctx.Spec.Residual ? $"{Names.ReadOnlySpan}<{T}> res, " : "");
        w.Line($"/// <summary>{samples} sample(s) × {rows} row(s) of W: {samples * rows} accumulators.</summary>");
        w.Line(SimdKernels.Optimized);
        using (w.Block($"private static void Tile{samples}x{rows}_{d.Bits}(ref {T} xr, ref {T} wr, {spans}{Names.Span}<{T}> y, int n, int u)"))
        {
            foreach (var s in S) w.Line($"ref {T} x{s} = ref {Unsafe}.Add(ref xr, (n + {s}) * {d.K});");
            foreach (var r in R) w.Line($"ref {T} w{r} = ref {Unsafe}.Add(ref wr, (u + {r}) * {d.K});");
            w.Line($"{d.Vt} " + string.Join(", ", pairs.Select(p => $"a{p.s}_{p.r} = {d.Vt}.Zero")) + ";");
            void Step(string at, string? mask)
            {
                // The samples' vectors stay live across the row; each row's vector is used at once (S + 1 operand
                // registers beside the S·R accumulators: loading every operand first would spill accumulators).
                foreach (var s in S) w.Line($"{d.Vt} xv{s} = " + Masked($"{d.V}.LoadUnsafe(ref x{s}, (nuint)({at}))", mask, d) + ";");
                foreach (var r in R)
                {
                    w.Line($"{d.Vt} wv{r} = " + Masked($"{d.V}.LoadUnsafe(ref w{r}, (nuint)({at}))", mask, d) + ";");
                    foreach (var s in S) w.Line($"a{s}_{r} = Fma{d.Bits}(xv{s}, wv{r}, a{s}_{r});");
                }
            }

            using (w.Block($"for (int i = 0; i <= {d.K - d.Lanes}; i += {d.Lanes})"))
                Step("i", null);
            if (d.Fresh > 0)
            {
                // The last vector overlaps the one before: both operands masked, so an infinite weight there adds 0, not NaN.
                w.Line($"{d.Vt} tail = {d.TailMask()};");
                using (w.Block(""))
                    Step(Literals.Int(d.K - d.Lanes), "tail");
            }

            foreach (var (s, r) in pairs)
                Store(w, ctx, $"{d.V}.Sum(a{s}_{r})", $"n + {s}", $"u + {r}");
        }
    }

    private static string Masked(string load, string? mask, Dims d) =>
        mask is null ? load : $"{d.V}.ConditionalSelect({mask}, {load}, {d.Vt}.Zero)";

    /// <summary>y[n, u] = activation(sum + b[u] + res[n, u]).</summary>
    private static void Store(SourceWriter w, KernelContext ctx, string sum, string n, string u)
    {
        var index = n == "0" ? u : (n.Contains(" ") ? $"({n})" : n) + $" * {ctx.Geometry.OutputLength} + {u}";
        var value = sum + (ctx.Spec.Bias ? $" + b[{u}]" : "") + (ctx.Spec.Residual ? $" + res[{index}]" : "");
        w.Line($"y[{index}] = {ctx.Activate(value)};");
    }

    /// <summary>x = Wᵀ·y for one sample: blocks of columns, each accumulated over every row with y[u] broadcast.</summary>
    private static void Transpose(SourceWriter w, KernelContext ctx, int[] widths)
    {
        var g = ctx.Geometry;
        var T = ctx.T;
        var weights = ctx.ConstantWeights ? "" : $"{Names.ReadOnlySpan}<{T}> w, ";
        var parameters = $"{Names.ReadOnlySpan}<{T}> y, {weights}{Names.Span}<{T}> x";
        w.Line();
        w.Line($"/// <summary>One sample: x = Wᵀ·y.</summary>");
        using (w.Block($"public static void Transpose({parameters})"))
        {
            foreach (var bits in widths)
                using (w.Block($"if (global::System.Runtime.Intrinsics.Vector{bits}.IsHardwareAccelerated)"))
                {
                    w.Line($"Transpose{bits}(y, {(ctx.ConstantWeights ? "" : "w, ")}x);");
                    w.Line("return;");
                }

            using (w.Block($"for (int i = 0; i < {g.InputLength}; i++)"))
            {
                w.Line($"{T} sum = {ctx.Zero};");
                using (w.Block($"for (int u = 0; u < {g.OutputLength}; u++)"))
                    w.Line($"sum += w[u * {g.InputLength} + i] * y[u];");
                w.Line("x[i] = sum;");
            }
        }

        foreach (var bits in widths)
        {
            var d = new Dims(T, g.InputLength, g.OutputLength, bits, bits / 8 / ctx.Spec.Element.Size);
            w.Line();
            w.Line(SimdKernels.Optimized);
            using (w.Block($"private static void Transpose{bits}({parameters})"))
            {
                w.Line($"ref {T} wr = ref {Marshal}.GetReference(w);");
                w.Line($"ref {T} xr = ref {Marshal}.GetReference(x);");
                var block = TransposeVectors * d.Lanes;
                w.Line("int i = 0;");
                using (w.Block($"for (; i <= {d.K - block}; i += {block})"))
                    TransposeBlock(w, d, TransposeVectors);
                // The last block: one vector at a time, the last overlapping the one before (same values written twice).
                using (w.Block($"for (; i < {d.K}; i += {d.Lanes})"))
                {
                    w.Line($"if (i > {d.K - d.Lanes}) i = {d.K - d.Lanes};");
                    TransposeBlock(w, d, 1);
                }
            }
        }
    }

    private static void TransposeBlock(SourceWriter w, Dims d, int vectors)
    {
        var J = Enumerable.Range(0, vectors).ToArray();
        w.Line($"{d.Vt} " + string.Join(", ", J.Select(j => $"a{j} = {d.Vt}.Zero")) + ";");
        using (w.Block($"for (int u = 0; u < {d.D}; u++)"))
        {
            w.Line($"{d.Vt} yu = {d.V}.Create(y[u]);");
            w.Line($"ref {d.T} row = ref {Unsafe}.Add(ref wr, u * {d.K} + i);");
            foreach (var j in J)
                w.Line($"a{j} = Fma{d.Bits}({d.V}.LoadUnsafe(ref row, (nuint){j * d.Lanes}), yu, a{j});");
        }

        foreach (var j in J)
            w.Line($"{d.V}.StoreUnsafe(a{j}, ref xr, (nuint)(i + {j * d.Lanes}));");
    }

    /// <summary>g += gy·xᵀ for one sample: each row of g gains gy[u]·x, vectorized along the row.</summary>
    private static void WeightsGradient(SourceWriter w, KernelContext ctx, int[] widths)
    {
        if (ctx.ConstantWeights) return;
        var g = ctx.Geometry;
        var T = ctx.T;
        w.Line();
        w.Line("/// <summary>One sample: adds gy·xᵀ to the weights' gradient g.</summary>");
        using (w.Block($"public static void WeightsGradient({Names.ReadOnlySpan}<{T}> x, {Names.ReadOnlySpan}<{T}> gy, {Names.Span}<{T}> g)"))
        {
            w.Line($"ref {T} xr = ref {Marshal}.GetReference(x);");
            w.Line($"ref {T} gr = ref {Marshal}.GetReference(g);");
            using (w.Block($"for (int u = 0; u < {g.OutputLength}; u++)"))
            {
                w.Line($"{T} s = gy[u];");
                w.Line($"ref {T} row = ref {Unsafe}.Add(ref gr, u * {g.InputLength});");
                w.Line("int i = 0;");
                foreach (var bits in widths)
                {
                    var V = "global::System.Runtime.Intrinsics.Vector" + bits;
                    var lanes = bits / 8 / ctx.Spec.Element.Size;
                    using (w.Block($"if ({V}.IsHardwareAccelerated)"))
                    {
                        w.Line($"{V}<{T}> sv = {V}.Create(s);");
                        using (w.Block($"for (; i <= {g.InputLength - lanes}; i += {lanes})"))
                            w.Line($"{V}.StoreUnsafe(Fma{bits}({V}.LoadUnsafe(ref xr, (nuint)i), sv, {V}.LoadUnsafe(ref row, (nuint)i)), ref row, (nuint)i);");
                    }
                }

                using (w.Block($"for (; i < {g.InputLength}; i++)"))
                    w.Line($"{Unsafe}.Add(ref row, i) += s * x[i];");
            }
        }
    }
}
