using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// A pooling layer's public members (Forward, Backward) and their docs; the kernels are <see cref="PoolKernels"/>.
/// </summary>
internal static class PoolEmitter
{
    public static void Emit(SourceWriter w, LayerModel model)
    {
        var layer = model.Layer;
        var T = Literals.TypeName(layer.Element);
        var max = layer.Pool!.Max;
        var window = WindowFormula(layer);

        Method(w, model, "Forward", $"{Names.ReadOnlySpan}<{T}> input, {Names.Span}<{T}> output",
            max
                ? $"Forward pass: <c>y = max(x over {window})</c> for each channel of each of the N ≥ 1 samples; padding counts as −∞, and a NaN in the window is the maximum."
                : $"Forward pass: <c>y = Σ(x over {window}) / divisor</c> for each channel of each of the N ≥ 1 samples; the divisor is {Divisor(layer)}.",
            new[]
            {
                ("input", $"N samples of InputLength elements, {layer.Info.Layout}."),
                ("output", "Receives N samples of OutputLength elements (overwritten)."),
            },
            new[]
            {
                $"int samples = {Names.Guard}.Samples<{T}>(input, InputLength, nameof(input));",
                $"{Names.Guard}.SameSamples<{T}>(output, samples, OutputLength, nameof(output), nameof(input), nameof(output));",
                $"{Names.Guard}.NoOverlap<{T}>(input, output, nameof(input), nameof(output));",
                $"{Names.KernelsClass}.Forward(input, output, samples * InputChannels);",
            });

        if (model.ForwardOnly)
        {
            w.Line();
            PoolKernels.Emit(w, layer);
            return;
        }

        Method(w, model, "Backward", $"{Names.ReadOnlySpan}<{T}> input, {Names.ReadOnlySpan}<{T}> outputGradient, {Names.Span}<{T}> inputGradient",
            max
                ? "The input gradient <c>dL/dx</c> from <c>dL/dy</c>: each output's gradient goes to the first maximum of its window in row-major scan order (a later NaN replaces an earlier maximum, PyTorch's rule), summed where windows overlap."
                : "The input gradient <c>dL/dx</c> from <c>dL/dy</c>: each output's gradient divided by its divisor, added to every input element of its window (the adjoint of Forward), summed where windows overlap.",
            new[]
            {
                ("input", max ? "N samples of InputLength elements: Forward's input, which locates each window's maximum." : "N samples of InputLength elements: Forward's input (only its length is read)."),
                ("outputGradient", "N samples of OutputLength elements: dL/dy."),
                ("inputGradient", "Receives N samples of InputLength elements (overwritten): dL/dx."),
            },
            new[]
            {
                $"int samples = {Names.Guard}.Samples<{T}>(input, InputLength, nameof(input));",
                $"{Names.Guard}.SameSamples<{T}>(outputGradient, samples, OutputLength, nameof(outputGradient), nameof(input), nameof(outputGradient));",
                $"{Names.Guard}.SameSamples<{T}>(inputGradient, samples, InputLength, nameof(inputGradient), nameof(input), nameof(inputGradient));",
                $"{Names.Guard}.NoOverlap<{T}>(input, inputGradient, nameof(input), nameof(inputGradient));",
                $"{Names.Guard}.NoOverlap<{T}>(outputGradient, inputGradient, nameof(outputGradient), nameof(inputGradient));",
                "inputGradient.Clear();",
                $"{Names.KernelsClass}.Backward(input, outputGradient, inputGradient, samples * InputChannels);",
            });

        w.Line();
        PoolKernels.Emit(w, layer);
    }

    /// <summary>"the window [v'·2 − 1 + i·1, …]": where output element [c, v', w'] reads, by axis.</summary>
    private static string WindowFormula(Layer layer)
    {
        var parts = Enumerable.Range(0, layer.Rank).Select(i =>
        {
            var a = layer.Axes[i];
            var letter = layer.Info.Axes[i].Letter.ToLowerInvariant();
            var tap = layer.Info.Axes[i].Kernel;
            var start = a.PadBegin == 0 ? $"{letter}'·{a.Stride}" : $"{letter}'·{a.Stride} − {a.PadBegin}";
            return $"{start} + {tap}{(a.Dilation == 1 ? "" : "·" + a.Dilation)}, {tap} &lt; {a.Kernel}";
        });
        return "[c, " + string.Join("; ", parts) + "]";
    }

    private static string Divisor(Layer layer) => layer.Pool!.CountIncludePad
        ? "the window's elements inside the padded input (padding counted, PyTorch's count_include_pad = true)"
        : "the window's elements inside the input (padding not counted, count_include_pad = false)";

    private static void Method(SourceWriter w, LayerModel model, string name, string parameters, string summary,
        (string Name, string Doc)[] paramDocs, string[] body)
    {
        w.Line();
        w.Line($"/// <summary>{summary}</summary>");
        foreach (var (pn, doc) in paramDocs)
            w.Line($"/// <param name=\"{pn}\">{doc}</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, the batch sizes differ, or the destination overlaps a source.</exception>");
        w.Line($"/// <remarks>Code: {PoolKernels.Describe(model.Layer, backward: name == "Backward")}.</remarks>");
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        using (w.Block($"public static {LayerEmitter.New(model.Target, name)}void {name}({parameters})"))
            foreach (var line in body)
                w.Line(line);
    }

    /// <summary>The type's remarks: what every member shares (the layer, its sizes and their formulas).</summary>
    public static void TypeRemarks(SourceWriter w, Layer layer)
    {
        var axes = Enumerable.Range(0, layer.Rank).ToArray();
        string Join(System.Func<int, object> f) => string.Join("×", axes.Select(f));
        var padding = string.Join(" ", axes.Select(i => $"{layer.Info.Axes[i].BeginSide} {layer.Axes[i].PadBegin} {layer.Info.Axes[i].EndSide} {layer.Axes[i].PadEnd}"));
        var options = $"stride {Join(i => layer.Axes[i].Stride)}" + (layer.Pool!.Max ? $", dilation {Join(i => layer.Axes[i].Dilation)}" : "") +
                      $", padding {padding}" + (layer.Pool.CeilMode ? ", ceil mode" : "") +
                      (layer.Pool.Max ? "" : layer.Pool.CountIncludePad ? ", padding counted in the divisor" : ", padding not counted in the divisor");
        var formulas = string.Join("; ", axes.Select(i => $"{layer.Info.Axes[i].Letter}' = {Docs.OutputSizeFormula(layer, i)}"));
        w.Line("/// <remarks>");
        w.Line($"/// <para>[{layer.Info.Name}] {Literals.TypeName(layer.Element)}: input {Docs.Dimensions(layer, "C", false)} = {Docs.Sizes(layer, false)} → output {Docs.Dimensions(layer, "C", true)} = {Docs.Sizes(layer, true)}; window {Join(i => layer.Axes[i].Kernel)}; {options}.</para>");
        w.Line($"/// <para>{formulas}.</para>");
        w.Line("/// </remarks>");
    }
}
