using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>The public methods: argument checks (nothing is written before they pass), then one kernel call per sample.</summary>
internal static class PublicMembers
{
    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        Forward(w, ctx);
        PackedKernels.EmitMembers(w, ctx);
        if (ctx.ForwardOnly) return;
        ParallelMembers.Emit(w, ctx);
        Transpose(w, ctx);
        if (!ctx.ConstantWeights) WeightsGradient(w, ctx);
        if (ctx.Layer.Bias) BiasGradient(w, ctx);
        if (ctx.HasMatrix) ToMatrix(w, ctx);
        if (!ctx.ConstantWeights) FoldBatchNormEmitter.Emit(w, ctx);
    }

    private static string Ro(KernelContext ctx, string name) => $"{Names.ReadOnlySpan}<{ctx.T}> {name}";

    private static string Rw(KernelContext ctx, string name) => $"{Names.Span}<{ctx.T}> {name}";

    private static string[] WeightsChecked(KernelContext ctx) => ctx.ConstantWeights ? new string[0] : new[] { "weights" };

    private static void Forward(SourceWriter w, KernelContext ctx)
    {
        var s = ctx.Layer;
        var cw = ctx.ConstantWeights;
        var fwdParams = new List<string> { Ro(ctx, "input") };
        if (!cw) fwdParams.Add(Ro(ctx, "weights"));
        if (s.Bias) fwdParams.Add(Ro(ctx, "bias"));
        if (s.Residual) fwdParams.Add(Ro(ctx, "residual"));
        fwdParams.Add(Rw(ctx, "output"));
        var linear = (s.Info.IsLinear ? "W·x" : "M·x") + (s.Bias ? " + bias" : "") + (s.Residual ? " + residual" : "");
        var activation = s.Activation.Formula(linear);
        // ReLU names itself; the other activations state their definition (PyTorch's).
        var definition = s.Activation.Kind > ActivationKind.Relu ? $", with <c>{s.Activation.Definition}</c>" : "";
        var checks = ForwardChecks(ctx);
        var kernelArgs = Args(cw ? null : "weights", s.Bias ? "bias" : null);
        var call = ctx.BatchedForward
            ? $"{Names.KernelsClass}.Forward(input, {kernelArgs}{(s.Residual ? "residual, " : "")}output, samples);"
            : $"{ctx.PerSample}.Forward(input.Slice(n * InputLength, InputLength), {kernelArgs}{(s.Residual ? "residual.Slice(n * OutputLength, OutputLength), " : "")}output.Slice(n * OutputLength, OutputLength));";
        Method(w, ctx, "Forward", fwdParams, $"Forward pass: <c>y = {activation}</c> for each of the N ≥ 1 samples in <paramref name=\"input\"/>{definition}.",
            new[]
            {
                ("input", $"N samples of InputLength elements, {ctx.Layer.Info.Layout}."),
                ("weights", "The weights, WeightsLength elements: " + Docs.WeightsLayout(ctx.Layer) + "."),
                ("bias", "The bias, BiasLength elements."),
                ("residual", $"N samples of OutputLength elements, {ctx.Layer.Info.Layout}, added before the activation (a block's shortcut); may be <paramref name=\"output\"/> itself (in place) or overlap <paramref name=\"input\"/>, but not partly overlap <paramref name=\"output\"/>."),
                ("output", "Receives N samples of OutputLength elements (overwritten)."),
            },
            checks: checks, call: call, batched: !ctx.BatchedForward);
    }

    /// <summary>Forward's argument checks (they declare <c>samples</c>), shared with the parallel overload.</summary>
    public static List<string> ForwardChecks(KernelContext ctx, string weights = "weights")
    {
        var s = ctx.Layer;
        var checks = Checks(ctx.T, ("input", "InputLength"), WeightsChecked(ctx).Select(_ => weights).Concat(s.Bias ? new[] { "bias" } : new string[0]).ToArray(), ("output", "OutputLength"), batchName: "output");
        if (s.Residual)
        {
            // The residual may be the output itself (in place) and may overlap the input (both only read).
            checks.Add($"{Names.Guard}.SameSamples<{ctx.T}>(residual, samples, OutputLength, nameof(residual), nameof(input), nameof(residual));");
            checks.Add($"{Names.Guard}.SameOrNoOverlap<{ctx.T}>(residual, output, nameof(residual), nameof(output));");
        }

        return checks;
    }

    private static void Transpose(SourceWriter w, KernelContext ctx)
    {
        var cw = ctx.ConstantWeights;
        var trParams = new List<string> { Ro(ctx, "output") };
        if (!cw) trParams.Add(Ro(ctx, "weights"));
        trParams.Add(Rw(ctx, "input"));
        Method(w, ctx, "Transpose", trParams,
            ctx.Layer.Info.IsLinear
                ? "The adjoint: <c>x = Wᵀ·y</c> for each sample (the input gradient of Forward's linear part)."
                : "The adjoint: <c>x = Mᵀ·y</c> for each sample (the transposed convolution; the input gradient of Forward's linear part).",
            new[]
            {
                ("output", "N samples of OutputLength elements (e.g. the output gradient)."),
                ("weights", "The weights, WeightsLength elements: " + Docs.WeightsLayout(ctx.Layer) + "."),
                ("input", "Receives N samples of InputLength elements (overwritten)."),
            },
            checks: Checks(ctx.T, ("output", "OutputLength"), WeightsChecked(ctx), ("input", "InputLength"), batchName: "input"),
            call: ctx.BatchedKernels
                ? $"{Names.KernelsClass}.Transpose(output, {Args(cw ? null : "weights", null)}input, samples);"
                : $"{ctx.PerSample}.Transpose(output.Slice(n * OutputLength, OutputLength), {Args(cw ? null : "weights", null)}input.Slice(n * InputLength, InputLength));",
            batched: !ctx.BatchedKernels);
    }

    private static void WeightsGradient(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        var checks = new List<string>
        {
            $"int samples = {Names.Guard}.Samples<{T}>(input, InputLength, nameof(input));",
            $"{Names.Guard}.SameSamples<{T}>(outputGradient, samples, OutputLength, nameof(outputGradient), nameof(input), nameof(weightsGradient));",
            $"{Names.Guard}.Exact<{T}>(weightsGradient, WeightsLength, nameof(weightsGradient));",
            $"{Names.Guard}.NoOverlap<{T}>(input, weightsGradient, nameof(input), nameof(weightsGradient));",
            $"{Names.Guard}.NoOverlap<{T}>(outputGradient, weightsGradient, nameof(outputGradient), nameof(weightsGradient));",
            "weightsGradient.Clear();",
        };
        Method(w, ctx, "WeightsGradient", new List<string> { Ro(ctx, "input"), Ro(ctx, "outputGradient"), Rw(ctx, "weightsGradient") },
            "The weights' gradient: <c>dL/dW</c> for <c>L = Σ outputGradient ⊙ (M·input)</c>, summed over the batch.",
            new[]
            {
                ("input", "N samples of InputLength elements."),
                ("outputGradient", "N samples of OutputLength elements: dL/dy of the linear part."),
                ("weightsGradient", "Receives WeightsLength elements (overwritten): " + Docs.WeightsLayout(ctx.Layer) + "."),
            },
            checks: checks,
            call: $"{ctx.PerSample}.WeightsGradient(input.Slice(n * InputLength, InputLength), outputGradient.Slice(n * OutputLength, OutputLength), weightsGradient);");
    }

    private static void ToMatrix(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        var cw = ctx.ConstantWeights;
        var mParams = new List<string>();
        if (!cw) mParams.Add(Ro(ctx, "weights"));
        mParams.Add(Rw(ctx, "matrix"));
        var checks = new List<string>();
        if (!cw) checks.Add($"{Names.Guard}.Exact<{T}>(weights, WeightsLength, nameof(weights));");
        checks.Add($"{Names.Guard}.Exact<{T}>(matrix, {ctx.MatrixLength}, nameof(matrix));");
        if (!cw) checks.Add($"{Names.Guard}.NoOverlap<{T}>(weights, matrix, nameof(weights), nameof(matrix));");
        checks.Add("matrix.Clear();");
        Method(w, ctx, "ToMatrix", mParams,
            $"The dense matrix M of Forward's linear part, row-major: row s = {Docs.FlatIndex(ctx.Layer, true, RowNames(ctx.Layer.Rank))}, column t = {Docs.FlatIndex(ctx.Layer, false, ColumnNames(ctx.Layer.Rank))} ({ctx.Layer.OutputLength} × {ctx.Layer.InputLength}).",
            new[]
            {
                ("weights", "The weights, WeightsLength elements: " + Docs.WeightsLayout(ctx.Layer) + "."),
                ("matrix", $"Receives OutputLength·InputLength = {ctx.MatrixLength} elements (overwritten)."),
            },
            checks: checks, call: $"{ctx.PerSample}.ToMatrix({(cw ? "" : "weights, ")}matrix);", batched: false);
    }

    /// <summary>The index names of M's rows (output elements) and columns (input elements), as the seed writes them in 2-D.</summary>
    private static string[] RowNames(int rank) => rank switch { 0 => new[] { "u" }, 1 => new[] { "u", "w" }, 2 => new[] { "u", "v", "w" }, _ => new[] { "u", "z", "v", "w" } };

    private static string[] ColumnNames(int rank) => rank switch { 0 => new[] { "i" }, 1 => new[] { "i", "k" }, 2 => new[] { "i", "j", "k" }, _ => new[] { "i", "l", "j", "k" } };

    private static string Args(string? weights, string? bias) =>
        (weights is null ? "" : weights + ", ") + (bias is null ? "" : bias + ", ");

    /// <summary>Checks for a batch source, exact-length operands and a batch destination, then the overlaps.</summary>
    private static List<string> Checks(string T, (string Name, string Length) source, string[] exact, (string Name, string Length) destination, string batchName)
    {
        var list = new List<string> { $"int samples = {Names.Guard}.Samples<{T}>({source.Name}, {source.Length}, nameof({source.Name}));" };
        foreach (var e in exact)
            list.Add($"{Names.Guard}.Exact<{T}>({e}, {(e == "bias" ? "BiasLength" : "WeightsLength")}, nameof({e}));");
        list.Add($"{Names.Guard}.SameSamples<{T}>({destination.Name}, samples, {destination.Length}, nameof({destination.Name}), nameof({source.Name}), nameof({batchName}));");
        foreach (var s in new[] { source.Name }.Concat(exact))
            list.Add($"{Names.Guard}.NoOverlap<{T}>({s}, {destination.Name}, nameof({s}), nameof({destination.Name}));");
        return list;
    }

    private static void Method(SourceWriter w, KernelContext ctx, string name, List<string> parameters, string summary,
        (string Name, string Doc)[] paramDocs, List<string> checks, string call, bool batched = true)
    {
        w.Line();
        w.Line($"/// <summary>{summary}</summary>");
        foreach (var (pn, doc) in paramDocs)
            if (parameters.Any(p => p.EndsWith(" " + pn, System.StringComparison.Ordinal)))
                w.Line($"/// <param name=\"{pn}\">{doc}</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, the batch sizes differ, or the destination overlaps a source.</exception>");
        Docs.Remarks(w, ctx, (Planning.Member)System.Enum.Parse(typeof(Planning.Member), name));
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        using (w.Block($"public static {ctx.New(name)}void {name}({string.Join(", ", parameters)})"))
        {
            foreach (var c in checks) w.Line(c);
            if (batched)
            {
                using (w.Block("for (int n = 0; n < samples; n++)"))
                    w.Line(call);
            }
            else w.Line(call);
        }
    }

    private static void BiasGradient(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        var plane = ctx.Layer.OutputPlane;
        w.Line();
        w.Line($"/// <summary>The bias gradient: <c>dL/db[u] = Σ outputGradient[{string.Join(", ", new[] { "n" }.Concat(RowNames(ctx.Layer.Rank)))}]</c> over positions and the batch.</summary>");
        w.Line("/// <param name=\"outputGradient\">N samples of OutputLength elements.</param>");
        w.Line("/// <param name=\"biasGradient\">Receives BiasLength elements (overwritten).</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, or the destination overlaps the source.</exception>");
        Docs.Remarks(w, ctx, null);
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        using (w.Block($"public static {ctx.New("BiasGradient")}void BiasGradient({Names.ReadOnlySpan}<{T}> outputGradient, {Names.Span}<{T}> biasGradient)"))
        {
            w.Line($"int samples = {Names.Guard}.Samples<{T}>(outputGradient, OutputLength, nameof(outputGradient));");
            w.Line($"{Names.Guard}.Exact<{T}>(biasGradient, BiasLength, nameof(biasGradient));");
            w.Line($"{Names.Guard}.NoOverlap<{T}>(outputGradient, biasGradient, nameof(outputGradient), nameof(biasGradient));");
            using (w.Block($"for (int u = 0; u < {(ctx.Layer.Info.IsLinear ? "OutputLength" : "OutputChannels")}; u++)"))
            {
                w.Line($"{T} sum = {ctx.Zero};");
                using (w.Block("for (int n = 0; n < samples; n++)"))
                using (w.Block($"foreach ({T} e in outputGradient.Slice(n * OutputLength + u * {plane}, {plane}))"))
                    w.Line("sum += e;");
                w.Line("biasGradient[u] = sum;");
            }
        }
    }
}
