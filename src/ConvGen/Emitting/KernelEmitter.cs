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
        var unrolled = ctx.Plan.Kernels == Strategy.Unrolled;
        w.Line("/// <summary>Per-sample kernels and their tables.</summary>");
        using (w.Block($"private static {ctx.New(Names.KernelsClass)}class {Names.KernelsClass}"))
        {
            if (ctx.Spec.Weights is { } cw && !unrolled)
            {
                w.Line("/// <summary>The constant weights, in the layer's weight layout.</summary>");
                w.Line($"private static readonly {ctx.T}[] ConstantWeights = {{ {string.Join(", ", cw.Select(ctx.Real))} }};");
                w.Line();
            }

            var simd = ctx.Simd;
            var vectorKernels = ctx.Members.Any(m => m.Widths.Count > 0);
            if (!unrolled && (vectorKernels || LoopedKernels.NeedsMaps(g)))
            {
                LoopedKernels.EmitMaps(w, ctx);
                w.Line();
            }

            var p = new Parameters(ctx);
            if (vectorKernels && simd is not null)
            {
                SimdKernels.EmitHelpers(w, ctx, simd);
                SimdKernels.EmitTapOffset(w, ctx, simd);
                w.Line();
            }

            // Forward: [Conv2D] gathers its output; [ConvTranspose2D] scatters into it.
            Kernel(w, ctx, "Forward", p.Forward, $"One sample: y = {(ctx.Spec.Relu ? "ReLU(" : "")}M·x{(ctx.Spec.Bias ? " + bias" : "")}{(ctx.Spec.Relu ? ")" : "")}.",
                guards: p.ForwardGuards,
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
                vector: width =>
                {
                    if (g.IsConv) SimdKernels.EmitGather(w, ctx, simd!, width, src: "x", dest: "y", forward: true);
                    else
                    {
                        SimdKernels.EmitScatter(w, ctx, simd!, width, src: "y", dest: "x");
                        EmitBiasActivationPass(w, ctx);
                    }
                });
            w.Line();
            Kernel(w, ctx, "Transpose", p.Transpose, "One sample: x = Mᵀ·y.",
                guards: p.TransposeGuards,
                unrolled: () => UnrolledKernels.Apply(ctx, forward: false),
                looped: () =>
                {
                    if (g.IsConv) LoopedKernels.Emit(w, ctx, LoopKind.Scatter, src: "x", dest: "y", forward: false);
                    else LoopedKernels.Emit(w, ctx, LoopKind.Gather, src: "y", dest: "x", forward: false);
                },
                widths: ctx.Of(Member.Transpose)!.Widths,
                vector: width =>
                {
                    if (g.IsConv) SimdKernels.EmitScatter(w, ctx, simd!, width, src: "x", dest: "y");
                    else SimdKernels.EmitGather(w, ctx, simd!, width, src: "y", dest: "x", forward: false);
                });

            if (!ctx.ConstantWeights)
            {
                w.Line();
                Kernel(w, ctx, "WeightsGradient", p.WeightsGradient, "One sample: adds its contribution to the weights' gradient g.",
                    guards: p.WeightsGradientGuards,
                    unrolled: () => UnrolledKernels.WeightsGradient(ctx),
                    looped: () => LoopedKernels.Emit(w, ctx, LoopKind.WeightsGradient, src: g.IsConv ? "x" : "gy", dest: g.IsConv ? "gy" : "x", forward: false),
                    widths: ctx.Of(Member.WeightsGradient)!.Widths,
                    vector: width => SimdKernels.EmitGradient(w, ctx, simd!, width, src: g.IsConv ? "x" : "gy", dest: g.IsConv ? "gy" : "x"));
            }

            if (ctx.PlanarMatrix)
            {
                w.Line();
                Kernel(w, ctx, "ToMatrix", p.Matrix, "Writes the non-zero entries of M into the cleared matrix m.",
                    guards: p.MatrixGuards,
                    unrolled: () => UnrolledKernels.Matrix(ctx),
                    looped: () => LoopedKernels.Emit(w, ctx, LoopKind.Matrix, src: "", dest: "", forward: false));
            }
        }
    }

    private static void Kernel(SourceWriter w, KernelContext ctx, string name, string parameters, string summary,
        string[] guards, System.Func<List<Statement>> unrolled, System.Action looped,
        IReadOnlyList<SimdWidth>? widths = null, System.Action<SimdWidth>? vector = null)
    {
        var arguments = string.Join(", ", parameters.Split(',').Select(x => x.Trim().Split(' ').Last()));
        if (ctx.Plan.Kernels == Strategy.Unrolled && ctx.BatchedKernels && name is "Forward" or "Transpose")
            summary = summary.Replace("One sample:", "Every sample of the batch (weights and bias in locals across samples):");
        w.Line($"/// <summary>{summary}</summary>");
        if (ctx.Plan.Kernels != Strategy.Unrolled)
        {
            if (widths is null || widths.Count == 0 || vector is null)
            {
                using (w.Block($"public static void {name}({parameters})"))
                    looped();
                return;
            }

            using (w.Block($"public static void {name}({parameters})"))
                SimdKernels.EmitDispatch(w, widths, name, arguments);
            foreach (var width in widths)
            {
                w.Line();
                w.Line($"/// <summary>{name} with {width.Vector.Substring(width.Vector.LastIndexOf('.') + 1)}.</summary>");
                w.Line(SimdKernels.Optimized);
                using (w.Block($"private static void {name}{width.Bits}({parameters})"))
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
        var parts = Pack(statements);
        if (ctx.BatchedKernels && name is "Forward" or "Transpose")
        {
            EmitBatched(w, ctx, name, parameters, guards, statements);
            return;
        }

        if (parts.Count == 1)
        {
            using (w.Block($"public static void {name}({parameters})"))
                Body(w, ctx, guards, parts[0]);
            return;
        }

        using (w.Block($"public static void {name}({parameters})"))
            for (var i = 0; i < parts.Count; i++)
                w.Line($"{name}Part{i}({arguments});");
        for (var i = 0; i < parts.Count; i++)
        {
            w.Line();
            w.Line($"/// <summary>Part {i + 1} of {parts.Count} of <see cref=\"{name}\"/> (split to keep each method within the JIT's optimization limit).</summary>");
            using (w.Block($"private static void {name}Part{i}({parameters})"))
                Body(w, ctx, guards, parts[i]);
        }
    }

    /// <summary>A straight-line kernel over the whole batch, weights and bias held in locals across samples.</summary>
    private static void EmitBatched(SourceWriter w, KernelContext ctx, string name, string parameters, string[] guards, List<Statement> statements)
    {
        var g = ctx.Geometry;
        var forward = name == "Forward";
        // x and y are one sample's slices inside the loop; the parameters hold the batch.
        var batchParameters = parameters.Replace("> x", "> xAll").Replace("> y", "> yAll") + ", int samples";
        using (w.Block($"public static void {name}({batchParameters})"))
        {
            w.Line($"_ = w[{g.WeightsLength - 1}];");
            w.Line($"{ctx.T} " + string.Join(", ", Enumerable.Range(0, g.WeightsLength).Select(i => $"w{i} = w[{i}]")) + ";");
            if (forward && ctx.Spec.Bias)
            {
                w.Line($"_ = b[{g.BiasLength - 1}];");
                w.Line($"{ctx.T} " + string.Join(", ", Enumerable.Range(0, g.BiasLength).Select(i => $"b{i} = b[{i}]")) + ";");
            }

            var (readName, readLength, writeName, writeLength) = forward
                ? ("x", g.InputLength, "y", g.OutputLength)
                : ("y", g.OutputLength, "x", g.InputLength);
            using (w.Block("for (int n = 0; n < samples; n++)"))
            {
                w.Line($"{Names.ReadOnlySpan}<{ctx.T}> {readName} = {readName}All.Slice(n * {readLength}, {readLength});");
                w.Line($"{Names.Span}<{ctx.T}> {writeName} = {writeName}All.Slice(n * {writeLength}, {writeLength});");
                foreach (var guard in guards.Where(x => x.StartsWith("_ = x[", System.StringComparison.Ordinal) || x.StartsWith("_ = y[", System.StringComparison.Ordinal)))
                    w.Line(guard);
                if (statements.Any(st => st.Text.Contains("acc ")))
                    w.Line($"{ctx.T} acc;");
                foreach (var statement in statements)
                    w.Lines(System.Text.RegularExpressions.Regex.Replace(statement.Text, @"\b([wb])\[(\d+)\]", "$1$2"));
            }
        }
    }

    private static void Body(SourceWriter w, KernelContext ctx, string[] guards, List<Statement> statements)
    {
        w.Line("// One length check per span lets the JIT drop every bounds check below.");
        foreach (var guard in guards) w.Line(guard);
        if (statements.Any(s => s.Text.Contains("acc ")))
            w.Line($"{ctx.T} acc;");
        foreach (var statement in statements)
            w.Lines(statement.Text);
    }

    /// <summary>Packs statements into methods of at most <see cref="Plan.MethodIlBudget"/> estimated IL instructions.</summary>
    private static List<List<Statement>> Pack(List<Statement> statements)
    {
        var parts = new List<List<Statement>> { new() };
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
        if (!ctx.Spec.Bias && !ctx.Spec.Relu) return;
        var g = ctx.Geometry;
        var plane = g.OutH * g.OutW;
        using (w.Block($"for (int u = 0; u < {ctx.Spec.D}; u++)"))
        {
            if (ctx.Spec.Bias) w.Line($"{ctx.T} bu = b[u];");
            using (w.Block($"foreach (ref {ctx.T} e in y.Slice(u * {plane}, {plane}))"))
                w.Line($"e = {ctx.Relu(ctx.Spec.Bias ? "e + bu" : "e")};");
        }
    }

    /// <summary>The kernels' parameter lists and the length guards of their unrolled bodies.</summary>
    private sealed class Parameters
    {
        public Parameters(KernelContext ctx)
        {
            var g = ctx.Geometry;
            string Ro(string n) => $"{Names.ReadOnlySpan}<{ctx.T}> {n}";
            string Rw(string n) => $"{Names.Span}<{ctx.T}> {n}";
            string Guard(string n, long length) => $"_ = {n}[{length - 1}];";
            var weights = ctx.ConstantWeights ? "" : Ro("w") + ", ";
            var weightsGuard = ctx.ConstantWeights ? new string[0] : new[] { Guard("w", g.WeightsLength) };

            Forward = Ro("x") + ", " + weights + (ctx.Spec.Bias ? Ro("b") + ", " : "") + Rw("y");
            ForwardGuards = new[] { Guard("x", g.InputLength) }.Concat(weightsGuard)
                .Concat(ctx.Spec.Bias ? new[] { Guard("b", g.BiasLength) } : new string[0])
                .Concat(new[] { Guard("y", g.OutputLength) }).ToArray();
            Transpose = Ro("y") + ", " + weights + Rw("x");
            TransposeGuards = new[] { Guard("y", g.OutputLength) }.Concat(weightsGuard).Concat(new[] { Guard("x", g.InputLength) }).ToArray();
            WeightsGradient = Ro("x") + ", " + Ro("gy") + ", " + Rw("g");
            WeightsGradientGuards = new[] { Guard("x", g.InputLength), Guard("gy", g.OutputLength), Guard("g", g.WeightsLength) };
            Matrix = weights + Rw("m");
            MatrixGuards = weightsGuard.Concat(new[] { Guard("m", ctx.Plan.MatrixLength) }).ToArray();
        }

        public string Forward { get; }
        public string[] ForwardGuards { get; }
        public string Transpose { get; }
        public string[] TransposeGuards { get; }
        public string WeightsGradient { get; }
        public string[] WeightsGradientGuards { get; }
        public string Matrix { get; }
        public string[] MatrixGuards { get; }
    }
}
