using System.Linq;

namespace ConvGen.Emitting;

/// <summary>
/// <c>FoldBatchNorm</c>: the weights and bias of this layer followed by an inference-mode BatchNorm over its output
/// channels, as one layer's weights and bias. Per output channel u: s = γ[u] / √(σ²[u] + ε) (in double), every weight of
/// u times s, and b'[u] = (b[u] − μ[u])·s + β[u]. The output channel is the weights' first axis (D × C/Groups × …), or
/// for a transposed layer its second (C × D/Groups × …: input channel c of group g writes output channels g·D/Groups + j).
/// </summary>
internal static class FoldBatchNormEmitter
{
    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        var layer = ctx.Layer;
        var T = ctx.T;
        var d = layer.D;
        var (first, second) = layer.WeightsChannels;
        var kernel = layer.WeightsLength / ((long)first * second);
        var channels = layer.Info.IsLinear ? "OutputLength" : "OutputChannels";
        var sources = new[] { "weights", "bias", "gamma", "beta", "runningMean", "runningVariance" };
        string Ro(string n) => $"{Names.ReadOnlySpan}<{T}> {n}";
        string Rw(string n) => $"{Names.Span}<{T}> {n}";

        w.Line();
        w.Line($"/// <summary>Folds an inference-mode BatchNorm over the output channels into this layer: weights and bias for the same layer with <c>Bias = true</c> (this one, or a twin) whose Forward is <c>BatchNorm(W·x + bias)</c>. Per output channel u, <c>s = gamma[u] / √(runningVariance[u] + epsilon)</c> in double precision, every weight of u times s, and <c>foldedBias[u] = (bias[u] − runningMean[u])·s + beta[u]</c>.</summary>");
        w.Line("/// <param name=\"weights\">The weights, WeightsLength elements: " + Docs.WeightsLayout(layer) + ".</param>");
        w.Line($"/// <param name=\"bias\">The layer's bias: {channels} elements, or empty for a layer without one (PyTorch's <c>bias=False</c> before a BatchNorm).</param>");
        w.Line($"/// <param name=\"gamma\">The BatchNorm's scale (PyTorch's <c>weight</c>), {channels} elements.</param>");
        w.Line($"/// <param name=\"beta\">The BatchNorm's shift (PyTorch's <c>bias</c>), {channels} elements.</param>");
        w.Line($"/// <param name=\"runningMean\">The BatchNorm's running mean, {channels} elements.</param>");
        w.Line($"/// <param name=\"runningVariance\">The BatchNorm's running variance, {channels} elements.</param>");
        w.Line("/// <param name=\"epsilon\">Added to the variance: PyTorch's <c>eps</c> (default 1e-5, not stored in a state_dict) or ONNX's <c>epsilon</c>.</param>");
        w.Line("/// <param name=\"foldedWeights\">Receives WeightsLength elements (overwritten), in the same layout.</param>");
        w.Line($"/// <param name=\"foldedBias\">Receives {channels} elements (overwritten).</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, epsilon is negative or not finite, or a destination overlaps a source or the other destination.</exception>");
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        var parameters = string.Join(", ", sources.Select(Ro)) + $", double epsilon, {Rw("foldedWeights")}, {Rw("foldedBias")}";
        using (w.Block($"public static {ctx.New("FoldBatchNorm")}void FoldBatchNorm({parameters})"))
        {
            w.Line($"{Names.Guard}.Exact<{T}>(weights, WeightsLength, nameof(weights));");
            w.Line($"if (!bias.IsEmpty) {Names.Guard}.Exact<{T}>(bias, {channels}, nameof(bias));");
            foreach (var n in new[] { "gamma", "beta", "runningMean", "runningVariance" })
                w.Line($"{Names.Guard}.Exact<{T}>({n}, {channels}, nameof({n}));");
            w.Line("if (!(epsilon >= 0) || double.IsPositiveInfinity(epsilon))");
            w.Line("    throw new global::System.ArgumentException($\"epsilon must be finite and at least 0 (PyTorch's default is 1e-5), but is {epsilon}.\", nameof(epsilon));");
            w.Line($"{Names.Guard}.Exact<{T}>(foldedWeights, WeightsLength, nameof(foldedWeights));");
            w.Line($"{Names.Guard}.Exact<{T}>(foldedBias, {channels}, nameof(foldedBias));");
            foreach (var destination in new[] { "foldedWeights", "foldedBias" })
                foreach (var source in sources)
                    w.Line($"{Names.Guard}.NoOverlap<{T}>({source}, {destination}, nameof({source}), nameof({destination}));");
            w.Line($"{Names.Guard}.NoOverlap<{T}>(foldedWeights, foldedBias, nameof(foldedWeights), nameof(foldedBias));");
            var scale = "double s = gamma[u] / global::System.Math.Sqrt(runningVariance[u] + epsilon);";
            using (w.Block($"for (int u = 0; u < {d}; u++)"))
            {
                w.Line(scale);
                w.Line($"foldedBias[u] = ({T})(((bias.IsEmpty ? 0.0 : bias[u]) - runningMean[u]) * s + beta[u]);");
                if (!layer.Transposed)
                    using (w.Block($"for (int k = u * {second * kernel}; k < (u + 1) * {second * kernel}; k++)"))
                        w.Line($"foldedWeights[k] = ({T})(weights[k] * s);");
            }

            if (!layer.Transposed) return;
            // C × D/Groups × kernel: input channel c (of group c / (C/Groups)) holds the weights of output channels
            // group·D/Groups + j, j < D/Groups.
            using (w.Block($"for (int c = 0; c < {first}; c++)"))
            using (w.Block($"for (int j = 0; j < {second}; j++)"))
            {
                w.Line($"int u = c / {first / layer.Groups} * {second} + j;");
                w.Line(scale);
                using (w.Block($"for (int k = (c * {second} + j) * {kernel}; k < (c * {second} + j + 1) * {kernel}; k++)"))
                    w.Line($"foldedWeights[k] = ({T})(weights[k] * s);");
            }
        }
    }
}
