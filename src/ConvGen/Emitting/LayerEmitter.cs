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
        var ctx = new KernelContext(model);
        var target = model.Target;
        var w = new SourceWriter();
        w.Lines(AttributeSource.Header);
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

        using (w.Block($"{target.Keyword} {target.Name}"))
        {
            Constants(w, ctx);
            PublicMembers.Emit(w, ctx);
            w.Line();
            KernelEmitter.Emit(w, ctx);
        }

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

        return w.ToString();
    }

    public static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\", \"{Version}\")]";

    private static void Constants(SourceWriter w, KernelContext ctx)
    {
        var s = ctx.Spec;
        var g = ctx.Geometry;
        void Const(string name, long value, string doc)
        {
            w.Line($"/// <summary>{doc}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public {ctx.New(name)}const int {name} = {value};");
        }

        Const("InputChannels", s.C, "C, the input channels.");
        Const("InputHeight", s.H, "H, the input height.");
        Const("InputWidth", s.W, "W, the input width.");
        Const("OutputChannels", s.D, "D, the output channels.");
        Const("OutputHeight", g.OutH, "H', the output height: " + Docs.OutputSizeFormula(ctx, vertical: true) + ".");
        Const("OutputWidth", g.OutW, "W', the output width: " + Docs.OutputSizeFormula(ctx, vertical: false) + ".");
        Const("KernelHeight", s.P, "P, the kernel height.");
        Const("KernelWidth", s.Q, "Q, the kernel width.");
        Const("InputLength", g.InputLength, $"Elements of one input sample: C·H·W = {s.C}·{s.H}·{s.W}.");
        Const("OutputLength", g.OutputLength, $"Elements of one output sample: D·H'·W' = {s.D}·{g.OutH}·{g.OutW}.");
        Const("WeightsLength", g.WeightsLength, "Elements of the weights: " + Docs.WeightsLayout(ctx) + ".");
        Const("BiasLength", g.BiasLength, s.Bias ? "Elements of the bias: D." : "0: the layer has no bias.");
    }
}
