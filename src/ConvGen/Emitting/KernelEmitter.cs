using System.Collections.Generic;
using System.Linq;
using ConvGen.Planning;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// The private <c>ConvGenKernels</c> class: one per-sample kernel per member, in the strategy the plan chose,
/// and the tables they read. Public members validate, then call these once per sample.
/// </summary>
internal static class KernelEmitter
{
    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        var g = ctx.Geometry;
        w.Line("/// <summary>Per-sample kernels and their tables.</summary>");
        using (w.Block($"private static {ctx.New(Names.KernelsClass)}class {Names.KernelsClass}"))
        {
            Tables(w, ctx);
            if (ctx.Dense)
            {
                DenseKernels.Emit(w, ctx);
                return;
            }

            var simd = ctx.Simd;
            var p = new Parameters(ctx);

            // Forward: [Conv2D] gathers its output; [ConvTranspose2D] scatters into it.
            Kernel(w, ctx, p.Forward, $"y = {ctx.Spec.Activation.Formula("M·x" + (ctx.Spec.Bias ? " + bias" : "") + (ctx.Spec.Residual ? " + res" : ""))}.",
                unrolled: () => UnrolledKernels.Apply(ctx, forward: true),
                looped: () =>
                {
                    if (g.IsConv) LoopedKernels.Emit(w, ctx, LoopKind.Gather, src: "x", dest: "y", forward: true);
                    else
                    {
                        LoopedKernels.Emit(w, ctx, LoopKind.Scatter, src: "y", dest: "x", forward: true);
                        EmitBiasActivationPass(w, ctx);
                    }
                },
                widths: ctx.Of(Member.Forward)!.Widths,
                rows: ctx.SplitsRows,
                vector: width =>
                {
                    if (g.IsConv) SimdKernels.EmitGather(w, ctx, simd!, width, src: "x", dest: "y", forward: true, rows: ctx.SplitsRows);
                    else
                    {
                        SimdKernels.EmitScatter(w, ctx, simd!, width, src: "y", dest: "x", forward: true);
                        EmitBiasActivationPass(w, ctx);
                    }
                });
            PackedKernels.EmitKernels(w, ctx);
            if (ctx.ForwardOnly && !ctx.Sliced) return;
            w.Line();
            Kernel(w, ctx, p.Transpose, "x = Mᵀ·y.",
                unrolled: () => UnrolledKernels.Apply(ctx, forward: false),
                looped: () =>
                {
                    if (g.IsConv) LoopedKernels.Emit(w, ctx, LoopKind.Scatter, src: "x", dest: "y", forward: false);
                    else LoopedKernels.Emit(w, ctx, LoopKind.Gather, src: "y", dest: "x", forward: false);
                },
                widths: ctx.Of(Member.Transpose)!.Widths,
                vector: width =>
                {
                    if (g.IsConv) SimdKernels.EmitScatter(w, ctx, simd!, width, src: "x", dest: "y", forward: false);
                    else SimdKernels.EmitGather(w, ctx, simd!, width, src: "y", dest: "x", forward: false);
                });

            if (!ctx.ConstantWeights)
            {
                w.Line();
                Kernel(w, ctx, p.WeightsGradient, "adds its contribution to the weights' gradient g.",
                    unrolled: () => UnrolledKernels.WeightsGradient(ctx),
                    looped: () => LoopedKernels.Emit(w, ctx, LoopKind.WeightsGradient, src: g.IsConv ? "x" : "gy", dest: g.IsConv ? "gy" : "x", forward: false),
                    widths: ctx.Of(Member.WeightsGradient)!.Widths,
                    vector: width => SimdKernels.EmitGradient(w, ctx, simd!, width, src: g.IsConv ? "x" : "gy", dest: g.IsConv ? "gy" : "x"));
            }

            if (ctx.PlanarMatrix)
            {
                w.Line();
                Kernel(w, ctx, p.Matrix, "Writes the non-zero entries of M into the cleared matrix m.",
                    unrolled: () => UnrolledKernels.Matrix(ctx),
                    looped: () => LoopedKernels.Emit(w, ctx, LoopKind.Matrix, src: "", dest: "", forward: false));
            }
        }
    }

    /// <summary>What the kernels share: the constant weights (outside straight-line code, which folds them), the index
    /// maps, and the vector kernels' helpers.</summary>
    private static void Tables(SourceWriter w, KernelContext ctx)
    {
        var unrolled = ctx.Plan.Kernels == Strategy.Unrolled;
        if (ctx.Spec.Weights is { } cw && !unrolled)
        {
            w.Line("/// <summary>The constant weights, in the layer's weight layout.</summary>");
            w.Line($"private static readonly {ctx.T}[] ConstantWeights = {{ {string.Join(", ", cw.Select(ctx.Real))} }};");
            w.Line();
        }

        var simd = ctx.Simd;
        var vectorKernels = ctx.Members.Any(m => m.Widths.Count > 0);
        if (!unrolled && !ctx.Dense && (vectorKernels || ctx.Packed is not null || LoopedKernels.NeedsMaps(ctx.Geometry)))
        {
            LoopedKernels.EmitMaps(w, ctx);
            w.Line();
        }

        if (vectorKernels && simd is not null)
        {
            SimdKernels.EmitHelpers(w, ctx, simd);
            SimdKernels.EmitTapOffset(w, ctx, simd);
            w.Line();
        }

        // The layer's own activation has a scalar helper (a 3-D transposed layer applies it outside the planar
        // kernels); the planar layer's has the vector forms its gather kernels call.
        var widths = (ctx.Of(Member.Forward)?.Widths.Select(v => v.Bits) ?? Enumerable.Empty<int>()).Union(ctx.Packed?.Widths ?? new int[0]);
        ActivationCode.EmitHelpers(w, ctx.Layer.Activation, ctx.Spec.Activation, ctx.Spec.Element, ctx.Geometry.IsConv ? widths : Enumerable.Empty<int>());
    }

    /// <summary>
    /// One member's per-sample kernel: a dispatch over its vector widths and a scalar fallback, or looped code, or
    /// straight-line statements (split into parts under the JIT's limit, or batched for tiny layers).
    /// </summary>
    private static void Kernel(SourceWriter w, KernelContext ctx, KernelSignature signature, string what,
        System.Func<List<KernelStatement>> unrolled, System.Action looped,
        IReadOnlyList<SimdWidth>? widths = null, System.Action<SimdWidth>? vector = null, bool rows = false)
    {
        var name = signature.Name;
        var parameters = signature.Parameters(ctx.T);
        var batched = ctx.BatchedKernels && name is "Forward" or "Transpose";
        var summary = batched ? "Every sample of the batch (weights and bias in locals across samples): " + what
            : name == "ToMatrix" ? what : "One sample: " + what;
        w.Line($"/// <summary>{summary}</summary>");
        if (ctx.Plan.Kernels != Strategy.Unrolled)
        {
            if (widths is null || widths.Count == 0 || vector is null)
            {
                using (w.Block($"public static void {name}({parameters})"))
                    looped();
                return;
            }

            var range = rows ? ", int gBegin, int gEnd, int uBegin, int uEnd, int vBegin, int vEnd" : "";
            using (w.Block($"public static void {name}({parameters})"))
                SimdKernels.EmitDispatch(w, widths, name, signature.Arguments, rows ? $"0, {ctx.Spec.Groups}, 0, {ctx.Geometry.DestPerGroup}, 0, {ctx.Geometry.DestH}" : null);
            if (rows) EmitRows(w, ctx, signature, widths);
            foreach (var width in widths)
            {
                w.Line();
                w.Line($"/// <summary>{name} with {width.Vector.Substring(width.Vector.LastIndexOf('.') + 1)}{(rows ? " (groups gBegin … gEnd − 1, channel blocks from uBegin … uEnd − 1, output rows vBegin … vEnd − 1)" : "")}.</summary>");
                w.Line(SimdKernels.Optimized);
                using (w.Block($"private static void {name}{width.Bits}({parameters}{range})"))
                    vector(width);
            }

            w.Line();
            w.Line($"/// <summary>{name} without SIMD.</summary>");
            w.Line(SimdKernels.Optimized);
            using (w.Block($"private static void {name}Scalar({parameters})"))
                looped();
            return;
        }

        var statements = unrolled();
        if (batched)
        {
            EmitBatched(w, ctx, signature, statements);
            return;
        }

        var parts = Pack(statements);
        if (parts.Count == 1)
        {
            using (w.Block($"public static void {name}({parameters})"))
                Body(w, ctx, signature, parts[0]);
            return;
        }

        using (w.Block($"public static void {name}({parameters})"))
            for (var i = 0; i < parts.Count; i++)
                w.Line($"{name}Part{i}({signature.Arguments});");
        for (var i = 0; i < parts.Count; i++)
        {
            w.Line();
            w.Line($"/// <summary>Part {i + 1} of {parts.Count} of <see cref=\"{name}\"/> (split to keep each method within the JIT's optimization limit).</summary>");
            using (w.Block($"private static void {name}Part{i}({parameters})"))
                Body(w, ctx, signature, parts[i]);
        }
    }

    /// <summary>
    /// The range entry of a vector Forward that the parallel overload splits one sample with: groups [gBegin, gEnd), the
    /// channel blocks of each group starting in [uBegin, uEnd) and output rows [vBegin, vEnd), by the variant Forward
    /// would run. Channel and row ranges start at multiples of <c>ChannelBlock</c> and <c>RowBlock</c> (the register
    /// block's channels and rows) and the last ends at the end, so every value is computed exactly as one call computes it.
    /// </summary>
    private static void EmitRows(SourceWriter w, KernelContext ctx, KernelSignature signature, IReadOnlyList<SimdWidth> widths)
    {
        w.Line();
        w.Line("/// <summary>Whether Forward runs a vector variant, which <see cref=\"ForwardRange\"/> can split by groups and rows.</summary>");
        w.Line($"public static bool SplitsRows => {string.Join(" || ", widths.Select(x => x.Vector + ".IsHardwareAccelerated"))};");
        w.Line();
        PerWidth(w, widths, "RowBlock", "The output rows of the running variant's register block: row ranges start at multiples of it.",
            width => width.RowBlock(ctx.Geometry));
        w.Line();
        PerWidth(w, widths, "ChannelBlock", "The output channels of the running variant's register block (a group's channels where its weights are folded into the code): channel ranges start at multiples of it.",
            width => width.FoldWeights ? ctx.Geometry.DestPerGroup : width.GatherBlock);
        w.Line();
        w.Line("/// <summary>Groups gBegin … gEnd − 1, the channel blocks of each that start in uBegin … uEnd − 1, output rows vBegin … vEnd − 1");
        w.Line("/// of one sample, by the vector variant Forward runs (call only where SplitsRows).</summary>");
        using (w.Block($"public static void ForwardRange({signature.Parameters(ctx.T)}, int gBegin, int gEnd, int uBegin, int uEnd, int vBegin, int vEnd)"))
        {
            const string range = "gBegin, gEnd, uBegin, uEnd, vBegin, vEnd";
            foreach (var width in widths.Take(widths.Count - 1))
                using (w.Block($"if ({width.Vector}.IsHardwareAccelerated)"))
                {
                    w.Line($"Forward{width.Bits}({signature.Arguments}, {range});");
                    w.Line("return;");
                }

            w.Line($"Forward{widths[widths.Count - 1].Bits}({signature.Arguments}, {range});");
        }
    }

    /// <summary>An int property whose value depends on the variant Forward runs: the widest accelerated one's.</summary>
    private static void PerWidth(SourceWriter w, IReadOnlyList<SimdWidth> widths, string name, string summary, System.Func<SimdWidth, int> value)
    {
        w.Line($"/// <summary>{summary}</summary>");
        using (w.Block($"public static int {name}"))
        using (w.Block("get"))
        {
            foreach (var width in widths.Take(widths.Count - 1))
                w.Line($"if ({width.Vector}.IsHardwareAccelerated) return {value(width)};");
            w.Line($"return {value(widths[widths.Count - 1])};");
        }
    }

    /// <summary>A straight-line kernel over the whole batch, weights and bias held in locals across samples.</summary>
    private static void EmitBatched(SourceWriter w, KernelContext ctx, KernelSignature signature, List<KernelStatement> statements)
    {
        var g = ctx.Geometry;
        var forward = signature.Name == "Forward";
        // x and y are one sample's slices inside the loop; the parameters (xAll, yAll) hold the batch.
        var batch = signature.Spans.Select(s => s.Sample ? s with { Name = s.Name + "All" } : s).ToList();
        using (w.Block($"public static void {signature.Name}({string.Join(", ", batch.Select(s => s.Declaration(ctx.T)))}, int samples)"))
        {
            w.Line($"_ = w[{g.WeightsLength - 1}];");
            w.Line($"{ctx.T} " + string.Join(", ", Enumerable.Range(0, g.WeightsLength).Select(i => $"w{i} = w[{i}]")) + ";");
            if (forward && ctx.Spec.Bias)
            {
                w.Line($"_ = b[{g.BiasLength - 1}];");
                w.Line($"{ctx.T} " + string.Join(", ", Enumerable.Range(0, g.BiasLength).Select(i => $"b{i} = b[{i}]")) + ";");
            }

            using (w.Block("for (int n = 0; n < samples; n++)"))
            {
                foreach (var s in signature.Spans.Where(s => s.Sample && !s.Writable))
                    w.Line($"{Names.ReadOnlySpan}<{ctx.T}> {s.Name} = {s.Name}All.Slice(n * {s.Length}, {s.Length});");
                foreach (var s in signature.Spans.Where(s => s.Sample && s.Writable))
                    w.Line($"{Names.Span}<{ctx.T}> {s.Name} = {s.Name}All.Slice(n * {s.Length}, {s.Length});");
                foreach (var s in signature.Spans.Where(s => s.Sample))
                    w.Line(s.Guard);
                Statements(w, ctx, statements, WeightAccess.Locals);
            }
        }
    }

    private static void Body(SourceWriter w, KernelContext ctx, KernelSignature signature, List<KernelStatement> statements)
    {
        w.Line("// One length check per span lets the JIT drop every bounds check below.");
        foreach (var guard in signature.Guards) w.Line(guard);
        Statements(w, ctx, statements, WeightAccess.Spans);
    }

    private static void Statements(SourceWriter w, KernelContext ctx, List<KernelStatement> statements, WeightAccess access)
    {
        if (statements.Any(KernelCode.NeedsAccumulator))
            w.Line($"{ctx.Spec.Element.AccumulatorKeyword} acc;");
        foreach (var statement in statements)
            w.Lines(KernelCode.Render(statement, ctx, access));
    }

    /// <summary>Packs statements into methods of at most <see cref="Plan.MethodIlBudget"/> estimated IL instructions.</summary>
    private static List<List<KernelStatement>> Pack(List<KernelStatement> statements)
    {
        var parts = new List<List<KernelStatement>> { new() };
        var cost = 0;
        foreach (var s in statements)
        {
            if (cost + s.Cost > Plan.MethodIlBudget && parts[parts.Count - 1].Count > 0)
            {
                parts.Add(new());
                cost = 0;
            }

            parts[parts.Count - 1].Add(s);
            cost += s.Cost;
        }

        return parts;
    }

    private static void EmitBiasActivationPass(SourceWriter w, KernelContext ctx)
    {
        if (!ctx.Spec.Bias && ctx.Spec.Activation.IsNone) return;
        var g = ctx.Geometry;
        var plane = g.OutH * g.OutW;
        using (w.Block($"for (int u = 0; u < {ctx.Spec.D}; u++)"))
        {
            if (ctx.Spec.Bias) w.Line($"{ctx.T} bu = b[u];");
            using (w.Block($"foreach (ref {ctx.T} e in y.Slice(u * {plane}, {plane}))"))
                w.Line($"e = {ctx.Activate(ctx.Spec.Bias ? "e + bu" : "e")};");
        }
    }

    /// <summary>The kernels' signatures: span parameters with the lengths their unrolled bodies check.</summary>
    private sealed class Parameters
    {
        public Parameters(KernelContext ctx)
        {
            var g = ctx.Geometry;
            SpanParameter Ro(string n, long length) => new(n, Writable: false, length);
            SpanParameter Rw(string n, long length) => new(n, Writable: true, length);
            var weights = ctx.ConstantWeights ? new SpanParameter[0] : new[] { Ro("w", g.WeightsLength) };
            var bias = ctx.Spec.Bias ? new[] { Ro("b", g.BiasLength) } : new SpanParameter[0];

            SpanParameter Input(bool writable) => new("x", writable, g.InputLength, Sample: true);
            SpanParameter Output(bool writable) => new("y", writable, g.OutputLength, Sample: true);

            var residual = ctx.Spec.Residual ? new[] { new SpanParameter("res", Writable: false, g.OutputLength, Sample: true) } : new SpanParameter[0];
            Forward = new("Forward", new[] { Input(writable: false) }.Concat(weights).Concat(bias).Concat(residual).Append(Output(writable: true)).ToList());
            Transpose = new("Transpose", new[] { Output(writable: false) }.Concat(weights).Append(Input(writable: true)).ToList());
            WeightsGradient = new("WeightsGradient", new[] { Ro("x", g.InputLength), Ro("gy", g.OutputLength), Rw("g", g.WeightsLength) });
            Matrix = new("ToMatrix", weights.Append(Rw("m", ctx.Plan.MatrixLength)).ToList());
        }

        public KernelSignature Forward { get; }
        public KernelSignature Transpose { get; }
        public KernelSignature WeightsGradient { get; }
        public KernelSignature Matrix { get; }
    }
}
