using Microsoft.CodeAnalysis;

namespace ConvGen.GeneratorBenchmarks;

/// <summary>
/// The floor under any attribute-driven generator: ForAttributeWithMetadataName on the same attributes with a
/// trivial transform (the type's name) and one tiny source per type. Measured beside ConvGen to separate
/// Roslyn's own per-file bookkeeping from the generator's work.
/// </summary>
public sealed class BaselineGenerator : IIncrementalGenerator
{
    private const string Attributes = """
        namespace ConvGen
        {
            internal enum ConvActivation { None, Relu }
            internal enum ConvPaddingMode { Zeros, Reflect, Replicate, Circular }
            internal sealed class Conv2DAttribute : System.Attribute
            {
                public Conv2DAttribute(int c, int h, int w, int d, int p, int q) { }
                public int Stride { get; set; } public int Padding { get; set; } public int Groups { get; set; } public bool Bias { get; set; }
                public ConvActivation Activation { get; set; } public ConvPaddingMode PaddingMode { get; set; } public double[]? Weights { get; set; }
            }
            internal sealed class ConvTranspose2DAttribute : System.Attribute
            {
                public ConvTranspose2DAttribute(int c, int h, int w, int d, int p, int q) { }
                public int Stride { get; set; } public int Padding { get; set; }
            }
        }
        """;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static ctx => ctx.AddSource("Attributes.g.cs", Attributes));
        foreach (var name in new[] { "ConvGen.Conv2DAttribute", "ConvGen.ConvTranspose2DAttribute" })
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(name, static (_, _) => true,
                static (ctx, _) => ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (spc, n) => spc.AddSource(n + "." + n.Length + ".g.cs", "// " + n));
        }
    }
}
