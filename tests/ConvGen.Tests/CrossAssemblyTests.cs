using System.IO;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Two assemblies that both use ConvGen, one seeing the other's internals: the attributes, enums and the
/// guard class are [Embedded], so the second sees no duplicate (no CS0436) and both build with no diagnostic.
/// </summary>
public sealed class CrossAssemblyTests
{
    [Fact]
    public void TwoAssembliesUsingConvGen_WithInternalsVisibleTo_DoNotClash()
    {
        var a = Build("LayersA", null,
            "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"LayersB\")]\n" +
            "namespace A;\n[ConvGen.Conv2D(1, 4, 4, 1, 3, 3)]\ninternal static partial class EdgeA;\n");
        var b = Build("LayersB", a,
            "namespace B;\n[ConvGen.Conv2D(2, 5, 5, 1, 3, 3, PaddingMode = ConvGen.ConvPaddingMode.Reflect, Padding = 1)]\ninternal static partial class EdgeB;\n" +
            "internal static class Use { public static int Both() => A.EdgeA.OutputLength + EdgeB.OutputLength; }\n");
        Assert.NotNull(b);
    }

    private static MetadataReference Build(string name, MetadataReference? reference, string source)
    {
        var compilation = CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText(source, GeneratorDriverHelper.ParseOptions, path: $"/test/{name}.cs") },
            GeneratorDriverHelper.References.Concat(reference is null ? Enumerable.Empty<MetadataReference>() : new[] { reference }),
            GeneratorDriverHelper.CompilationOptions(NullableContextOptions.Enable));
        GeneratorDriverHelper.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        var diagnostics = result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(result.Success && diagnostics.Count == 0, $"{name}:\n" + GeneratorDriverHelper.Format(diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
