using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.GeneratorBenchmarks;

/// <summary>
/// What the generator costs: a full run over a project of annotated layers (a build), and the incremental re-run
/// after a keystroke in an unrelated file (what the IDE pays on every edit).
/// </summary>
[MemoryDiagnoser]
public class GeneratorCost
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.CSharp12);

    /// <summary>Annotated types in the project: a mix of straight-line, looped/SIMD, padded and transposed layers.</summary>
    [Params(1, 20, 200)]
    public int Layers { get; set; }

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmBaseline = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _layer = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < Layers; i++)
            trees.Add(CSharpSyntaxTree.ParseText(Layer(i), Parse, path: $"Layer{i}.cs"));
        _unrelated = CSharpSyntaxTree.ParseText(UnrelatedSource, Parse, path: "Util.cs");
        trees.Add(_unrelated);
        _layer = trees[0];
        _compilation = CSharpCompilation.Create("Bench", trees, Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _warmDriver = NewDriver().RunGenerators(_compilation);
        _warmBaseline = NewDriver(new BaselineGenerator()).RunGenerators(_compilation);
    }

    /// <summary>The file the edits are made in (it declares nothing a layer uses).</summary>
    protected virtual string UnrelatedSource => "namespace App; public static class Util { public static int Twice(int x) => 2 * x; }";

    private static GeneratorDriver NewDriver(IIncrementalGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(new[] { (generator ?? new ConvGenerator()).AsSourceGenerator() }, parseOptions: Parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>A cold run: every layer parsed, planned and emitted (what a build pays).</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    /// <summary>
    /// One keystroke inside a method body of an unrelated file (the commonest edit): no declaration changed, so no
    /// layer is bound again.
    /// </summary>
    [Benchmark]
    public GeneratorDriver Keystroke() => _warmDriver.RunGenerators(BodyEdit());

    /// <summary>
    /// The same keystroke with a trivial generator on ForAttributeWithMetadataName: what a generator built on it pays
    /// on every edit, as it binds every annotated type again.
    /// </summary>
    [Benchmark]
    public GeneratorDriver KeystrokeFloor() => _warmBaseline.RunGenerators(BodyEdit());

    /// <summary>A keystroke that adds a constant to an unrelated class: no layer names it, so none is bound again.</summary>
    [Benchmark]
    public GeneratorDriver DeclarationKeystroke() => _warmDriver.RunGenerators(DeclarationEdit());

    /// <summary>A keystroke in an annotated file (a comment after the layer): that file's layer is bound again.</summary>
    [Benchmark]
    public GeneratorDriver LayerFileKeystroke()
    {
        var text = _layer.GetText();
        return _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_layer,
            _layer.WithChangedText(text.Replace(text.Length, 0, $"\n// {_edit++ % 10}"))));
    }

    /// <summary>
    /// The worst keystroke: in a global using, which every file's names bind through, so every layer is bound again
    /// (as a generator on ForAttributeWithMetadataName does on every edit).
    /// </summary>
    [Benchmark]
    public GeneratorDriver KeystrokeEveryLayerSees() =>
        _warmDriver.RunGenerators(Edit("namespace App;", $"global using M{_edit++ % 10} = System.Math;\nnamespace App;"));

    private Compilation BodyEdit() => Edit("2 * x", $"2 * x + {_edit++ % 10}");

    private Compilation DeclarationEdit() => Edit("public static int Twice", $"public const int K{_edit++ % 10} = 1; public static int Twice");

    private Compilation Edit(string find, string replacement)
    {
        var text = _unrelated.GetText();
        var at = text.ToString().IndexOf(find, System.StringComparison.Ordinal);
        return _compilation.ReplaceSyntaxTree(_unrelated, _unrelated.WithChangedText(text.Replace(at, find.Length, replacement)));
    }

    private static string Layer(int i) => (i % 5) switch
    {
        0 => $"namespace App; [ConvGen.Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] {{ 1, 0, -1, 2, 0, -2, 1, 0, -1 }})] public static partial class Sobel{i};",
        1 => $"namespace App; [ConvGen.Conv2D(3, 32, 32, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvGen.ConvActivation.Relu)] public static partial class Stem{i};",
        2 => $"namespace App; [ConvGen.Conv2D(2, 8, 8, 4, 3, 3, Stride = 2, Padding = 1)] public static partial class Small{i};",
        3 => $"namespace App; [ConvGen.ConvTranspose2D(16, 8, 8, 8, 4, 4, Stride = 2, Padding = 1)] public static partial class Up{i};",
        _ => $"namespace App; [ConvGen.Conv2D(8, 16, 16, 8, 3, 3, Padding = 1, PaddingMode = ConvGen.ConvPaddingMode.Reflect, Groups = 2)] public static partial class Refl{i};",
    };
}

/// <summary>
/// The same edits in a large unrelated file (200 classes of 11 members, about 10,000 lines): a changed file's
/// declarations are read again, in time proportional to what lies outside its bodies.
/// </summary>
public class LargeFileCost : GeneratorCost
{
    protected override string UnrelatedSource
    {
        get
        {
            var text = new System.Text.StringBuilder("namespace App;\n");
            for (var c = 0; c < 200; c++)
            {
                text.Append($"public sealed class C{c}\n{{\n    public int P{c} {{ get; set; }}\n");
                for (var m = 0; m < 10; m++)
                    text.Append($"    public int M{m}(int x)\n    {{\n        var y = x * {m} + P{c};\n        for (var i = 0; i < 3; i++) y += i;\n        return y;\n    }}\n");
                text.Append("}\n");
            }

            return text.Append("public static class Util { public static int Twice(int x) => 2 * x; }\n").ToString();
        }
    }
}
