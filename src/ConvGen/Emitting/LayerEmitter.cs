using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>Model → the generated source file: the type's partial declaration, constants, public members, kernels.</summary>
internal static class LayerEmitter
{
    public static readonly string Version = typeof(LayerEmitter).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static string Emit(LayerModel model)
    {
        var w = new SourceWriter();
        w.Lines(AttributeSource.Header);
        InTarget(w, model.Target, () =>
        {
            if (model.Layer.Info.IsPool) PoolEmitter.TypeRemarks(w, model.Layer);
            else Docs.TypeRemarks(w, model.Layer);
            EmitType(w, model);
        });
        return w.ToString();
    }

    /// <summary>Writes <paramref name="body"/> inside the target's namespace and containing types.</summary>
    public static void InTarget(SourceWriter w, TypeTarget target, System.Action body)
    {
        if (target.Namespace is { } ns)
        {
            w.Line($"namespace {ns}");
            w.Line("{");
            w.Indent();
        }

        foreach (var containing in target.ContainingTypes)
        {
            w.Line(containing);
            w.Line("{");
            w.Indent();
        }

        body();
        for (var i = 0; i < target.ContainingTypes.Count; i++)
        {
            w.Outdent();
            w.Line("}");
        }

        if (target.Namespace is not null)
        {
            w.Outdent();
            w.Line("}");
        }
    }

    /// <summary>The type's declaration with the layer's constants, members and kernels (no remarks: a nested step of an
    /// imported network takes this alone).</summary>
    public static void EmitType(SourceWriter w, LayerModel model)
    {
        using (w.Block($"{model.Target.Keyword} {model.Target.Name}"))
        {
            Constants(w, model.Layer, model.Target);
            if (model.Layer.Info.IsPool)
                PoolEmitter.Emit(w, model);
            else
                Body(w, new KernelContext(model));
        }
    }

    /// <summary>A layer with weights: its public members, its kernels and (3-D) the slice loop.</summary>
    private static void Body(SourceWriter w, KernelContext ctx)
    {
        {
            PublicMembers.Emit(w, ctx);
            w.Line();
            KernelEmitter.Emit(w, ctx);
            if (ctx.Sliced)
            {
                w.Line();
                SliceEmitter.Emit(w, ctx);
            }
        }
    }

    public static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\", \"{Version}\")]";

    /// <summary>"new " where a base type already has a member of that name (CS0108 otherwise).</summary>
    public static string New(TypeTarget target, string member) => target.Inherited.Contains(member) ? "new " : "";

    private static void Constants(SourceWriter w, Layer layer, TypeTarget target)
    {
        var axes = layer.Info.Axes;
        void Const(string name, long value, string doc)
        {
            w.Line($"/// <summary>{doc}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public {New(target, name)}const int {name} = {value};");
        }

        if (layer.Info.IsLinear)
        {
            Const("InputLength", layer.C, "Elements of one input sample: the inputs (PyTorch's <c>in_features</c>).");
            Const("OutputLength", layer.D, "Elements of one output sample: the outputs (PyTorch's <c>out_features</c>).");
            Const("WeightsLength", layer.WeightsLength, "Elements of the weights: " + Docs.WeightsLayout(layer) + ".");
            Const("BiasLength", layer.BiasLength, layer.Bias ? "Elements of the bias: outputs." : "0: the layer has no bias.");
            return;
        }

        string Noun(AxisNames a) => a.Noun.ToLowerInvariant();
        var pool = layer.Info.IsPool;
        Const("InputChannels", layer.C, pool ? "C, the channels (each pooled on its own)." : "C, the input channels.");
        for (var i = 0; i < axes.Length; i++)
            Const("Input" + axes[i].Noun, layer.Axes[i].Size, $"{axes[i].Letter}, the input {Noun(axes[i])}.");
        Const("OutputChannels", layer.D, pool ? "C, the output channels: the input's." : "D, the output channels.");
        for (var i = 0; i < axes.Length; i++)
            Const("Output" + axes[i].Noun, layer.OutputSize(i), $"{axes[i].Letter}', the output {Noun(axes[i])}: " + Docs.OutputSizeFormula(layer, i) + ".");
        for (var i = 0; i < axes.Length; i++)
            Const("Kernel" + axes[i].KernelNoun, layer.Axes[i].Kernel, $"{axes[i].Kernel.ToUpperInvariant()}, the {(pool ? "window" : "kernel")} {Noun(axes[i])}.");
        Const("InputLength", layer.InputLength, $"Elements of one input sample: {Docs.Dimensions(layer, "C", false, "·")} = {Docs.Sizes(layer, false, "·")}.");
        Const("OutputLength", layer.OutputLength, $"Elements of one output sample: {Docs.Dimensions(layer, pool ? "C" : "D", true, "·")} = {Docs.Sizes(layer, true, "·")}.");
        if (pool) return;
        Const("WeightsLength", layer.WeightsLength, "Elements of the weights: " + Docs.WeightsLayout(layer) + ".");
        Const("BiasLength", layer.BiasLength, layer.Bias ? "Elements of the bias: D." : "0: the layer has no bias.");
    }
}
